package dev.telemetry.examples.jetty;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.datasource.TimedDataSource;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardServlet;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jvm.JvmMetrics;
import dev.telemetry.logback.TelemetryAppender;
import dev.telemetry.servlet.TelemetryFilter;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import jakarta.servlet.DispatcherType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A shop on plain Jetty whose only telemetry code is the wiring below: the contract, one filter,
 * one appender, one gauge installer, one {@code DataSource} wrapper and the dashboard servlet.
 * Its own servlets ({@link ShopServlets}) know nothing of the library except that the order
 * router names its matched route, as a web framework would.
 *
 * <pre>{@code
 * java -cp telemetry-demo.jar dev.telemetry.examples.jetty.PlainJettyApp 8080 my-token
 * curl -H 'Authorization: Bearer my-token' localhost:8080/admin/telemetry/api/v1/top-routes
 * }</pre>
 */
public final class PlainJettyApp implements AutoCloseable {
  /** Where the dashboard is mounted, excluded from the request metrics. */
  public static final String DASHBOARD_PATH = "/admin/telemetry";

  /** How the shop spends the time a request asks for: really waiting in {@link #main}, a test clock in tests. */
  @FunctionalInterface
  public interface Work {
    void spend(Duration duration) throws InterruptedException;
  }

  private final Telemetry telemetry;
  private final TelemetryDashboard dashboard;
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);

  /**
   * Starts the shop on {@code port} (0: any free port).
   *
   * @param clock the clock of the library and of request timing (the system clock outside tests)
   */
  public PlainJettyApp(TelemetryStore store, String token, Clock clock, Work work, int port) throws Exception {
    MetricContract contract = JvmMetrics.declare(StandardMetrics.addSaturation(
        StandardMetrics.addHttpServer(MetricContract.builder()))).build();
    telemetry = Telemetry.builder().service("jetty-shop").contract(contract).store(store).clock(clock).build();
    JvmMetrics.install(telemetry);
    TelemetryAppender.install(telemetry);
    DataSource database = TimedDataSource.builder(telemetry).clock(clock).build().wrap(h2());
    createSchema(database);
    dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.bearerToken("ops", token)).build();

    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(new FilterHolder(TelemetryFilter.builder(telemetry).clock(clock)
        .excludePaths(DASHBOARD_PATH).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
    ShopServlets.register(context, database, work);
    context.addServlet(new ServletHolder(new DashboardServlet(dashboard)), DASHBOARD_PATH + "/*");
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  private static void createSchema(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create table orders (id int primary key, item varchar(40))");
      statement.execute("insert into orders select x, 'item ' || x from system_range(1, 50)");
    }
  }

  /** The shop's base URL, e.g. {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
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

  /** {@code PlainJettyApp [port] [token]}: serves the shop until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    String token = args.length > 1 ? args[1] : System.getenv().getOrDefault("TELEMETRY_DASHBOARD_TOKEN", "");
    if (token.isBlank()) {
      System.err.println("usage: PlainJettyApp [port] TOKEN (or set TELEMETRY_DASHBOARD_TOKEN)");
      System.exit(2);
    }
    PlainJettyApp app = new PlainJettyApp(InMemoryStore.create(), token, Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()), port);
    System.out.println("shop on " + app.baseUrl() + ", dashboard on " + app.baseUrl() + DASHBOARD_PATH + "/");
  }
}
