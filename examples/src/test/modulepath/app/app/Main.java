package app;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.datasource.TimedDataSource;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jvm.JvmMetrics;
import dev.telemetry.servlet.TelemetryFilter;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Starts Telemetry, times one servlet request and one JDBC statement, samples the JVM gauges, prints
 * what was stored; then serves the dashboard on the JDK server and prints the status and content
 * type of its page, its chart library and two API answers.
 */
public final class Main {
  private static final String TOKEN = "modular-token-0123456789";

  public static void main(String[] args) throws Exception {
    MetricContract contract = JvmMetrics.declare(StandardMetrics.addSaturation(
        StandardMetrics.addHttpServer(MetricContract.builder()))).build();
    InMemoryStore store = InMemoryStore.create();
    try (Telemetry telemetry = Telemetry.builder().service("modular").contract(contract).store(store)
        .backgroundThreads(false).closeOnShutdown(false).build()) {
      TelemetryFilter.create(telemetry).doFilter(request("/orders/42"), response(200), (request, response) -> { });
      DataSource dataSource = TimedDataSource.wrap(fakeDataSource(), telemetry);
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT 1");
      }
      JvmMetrics.install(telemetry);
      telemetry.flush();
      StringBuilder out = new StringBuilder();
      for (String metric : new String[] {StandardMetrics.HTTP_SERVER_REQUESTS, StandardMetrics.DB_QUERY_DURATION,
          StandardMetrics.PROCESS_MEMORY_UTILIZATION}) {
        int samples = store.readSamples(SampleQuery.of(metric, Resolution.MINUTE, Instant.EPOCH,
            Instant.parse("2100-01-01T00:00:00Z"))).size();
        out.append(metric).append('=').append(samples).append(' ');
      }
      System.out.println(out.toString().trim());
      try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
              .authorizer(Authorizer.bearerToken("ops", TOKEN)).build();
          JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0))) {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"", "assets/uplot.js", "api/v1/config", "api/v1/summary"}) {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
              .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
          String type = response.headers().firstValue("Content-Type").orElse("none").split(";")[0];
          System.out.println("/" + path + " " + response.statusCode() + " " + type);
          if (response.statusCode() != 200) {
            System.out.println(response.body());
          }
        }
      }
    }
  }

  private static HttpServletRequest request(String uri) {
    Map<String, Object> attributes = new HashMap<>();
    return (HttpServletRequest) Proxy.newProxyInstance(Main.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> switch (method.getName()) {
          case "getRequestURI" -> uri;
          case "getContextPath" -> "";
          case "getMethod" -> "GET";
          case "getDispatcherType" -> DispatcherType.REQUEST;
          case "isAsyncStarted" -> false;
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          default -> null;
        });
  }

  private static HttpServletResponse response(int status) {
    return (HttpServletResponse) Proxy.newProxyInstance(Main.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (self, method, args) ->
            method.getName().equals("getStatus") ? status : null);
  }

  /** A DataSource whose statements do nothing: the point is the wrapper on the module path, not a driver. */
  private static DataSource fakeDataSource() {
    Statement statement = (Statement) Proxy.newProxyInstance(Main.class.getClassLoader(),
        new Class<?>[] {Statement.class}, (self, method, args) -> null);
    Connection connection = (Connection) Proxy.newProxyInstance(Main.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (self, method, args) ->
            method.getName().equals("createStatement") ? statement : null);
    return (DataSource) Proxy.newProxyInstance(Main.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (self, method, args) -> method.getName().equals("getConnection") ? connection : null);
  }
}
