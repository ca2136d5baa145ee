/**
 * A modular application using the SQL store (SQLite), the OpenTelemetry bridge (by hand and through
 * the SDK's autoconfigure) and the dashboard on the JDK server: only {@code requires}, no
 * --add-modules or --add-opens. The SQLite driver is found as a java.sql.Driver service.
 */
module stores {
  requires dev.telemetry.jdbc;
  requires dev.telemetry.otel;
  requires dev.telemetry.http;
  requires io.opentelemetry.sdk.autoconfigure;
  requires java.net.http;
}
