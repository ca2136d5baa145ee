/**
 * The dashboard API and web page: {@link dev.telemetry.http.TelemetryDashboard} served by the JDK's
 * {@code HttpServer} ({@link dev.telemetry.http.JdkDashboardServer}) or a Jakarta Servlet
 * container ({@link dev.telemetry.http.DashboardServlet}; the Servlet API is the container's, so
 * it is a static dependency).
 */
module dev.telemetry.http {
  requires transitive dev.telemetry.core;
  requires transitive jdk.httpserver;
  // not transitive: javac would then demand the Servlet API when compiling any module reading this
  // one; an application serving DashboardServlet has its container's API and requires it itself
  requires static jakarta.servlet;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.telemetry.http;
}
