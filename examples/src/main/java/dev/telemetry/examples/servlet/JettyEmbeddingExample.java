package dev.telemetry.examples.servlet;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardServlet;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.store.TelemetryStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An existing Jetty application mounts the dashboard beside its own servlets: the host's
 * {@code /app/hello} records into the library, and {@code /app/admin/telemetry/} serves the
 * dashboard behind a bearer token.
 */
public final class JettyEmbeddingExample implements AutoCloseable {
  private final Telemetry telemetry;
  private final TelemetryDashboard dashboard;
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);

  public JettyEmbeddingExample(TelemetryStore store, String token) throws Exception {
    telemetry = Telemetry.builder().service("jetty-app")
        .contract(StandardMetrics.addHttpServer(MetricContract.builder()).build()).store(store).build();
    dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.bearerToken("ops", token)).build();

    ServletContextHandler context = new ServletContextHandler("/app");
    context.addServlet(new ServletHolder(new HelloServlet(telemetry)), "/hello");
    context.addServlet(new ServletHolder(new DashboardServlet(dashboard)), dashboard.mount() + "/*");
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
  }

  /** The host's base URL, e.g. {@code http://127.0.0.1:PORT/app}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/app";
  }

  public Telemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
    dashboard.close();
    telemetry.close();
  }

  /** The host's own servlet, timing itself into the standard HTTP metrics. */
  static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Telemetry telemetry;

    HelloServlet(Telemetry telemetry) {
      this.telemetry = telemetry;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      long start = System.nanoTime();
      resp.setContentType("text/plain");
      resp.getWriter().write("hello");
      double seconds = (System.nanoTime() - start) / 1e9;
      telemetry.histogram(StandardMetrics.HTTP_SERVER_DURATION).record(seconds, "route", "/hello", "method", "GET",
          "status", "200");
      telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS).increment("route", "/hello", "method", "GET",
          "status", "200");
    }
  }
}
