/** A Log4j2 appender for the library's curated logs: {@link dev.telemetry.log4j2.TelemetryAppender}. */
module dev.telemetry.log4j2 {
  requires transitive dev.telemetry.logging;
  requires transitive org.apache.logging.log4j;
  requires transitive org.apache.logging.log4j.core;

  exports dev.telemetry.log4j2;
}
