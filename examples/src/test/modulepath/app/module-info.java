/** A tiny application on the module path: only the telemetry modules it requires, no --add-modules. */
module app {
  requires dev.telemetry.servlet;
  requires dev.telemetry.datasource;
  requires dev.telemetry.jvm;
  requires dev.telemetry.http;
  requires java.net.http;
}
