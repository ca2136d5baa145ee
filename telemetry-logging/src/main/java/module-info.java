/**
 * What the log appenders share: {@link dev.telemetry.logging.LogForwarder} turns a logging
 * framework's WARN and ERROR events into the library's curated logs.
 */
module dev.telemetry.logging {
  requires transitive dev.telemetry.core;
  // the current span's ids when the OpenTelemetry API is present; read through a guarded class
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports dev.telemetry.logging;
}
