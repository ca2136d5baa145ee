/** A Logback appender for the library's curated logs: {@link dev.telemetry.logback.TelemetryAppender}. */
module dev.telemetry.logback {
  requires transitive dev.telemetry.logging;
  requires transitive ch.qos.logback.classic;
  requires transitive ch.qos.logback.core;
  requires org.slf4j;

  exports dev.telemetry.logback;
}
