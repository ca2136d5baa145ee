package dev.telemetry.examples.demo;

import dev.telemetry.Telemetry;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.health.Probes;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.rollup.RollupReport;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.health.FreshnessView;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running demo host: a store, a {@link Telemetry} instance with the demo's contract, pages and
 * probes, simulated live traffic, history backfilled in the background, and the dashboard served
 * by the JDK HTTP server.
 */
public final class Demo implements AutoCloseable {
  private static final String NODE = "demo-1";
  /** A fixed salt so pseudonyms stay stable across restarts of the demo (a real host keeps its own secret). */
  private static final String DEMO_SALT = "telemetry-demo-salt-change-me-in-production";

  private final Telemetry telemetry;
  private final TelemetryDashboard dashboard;
  private final JdkDashboardServer server;
  private final ScheduledExecutorService traffic;
  private final Thread backfill;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final String token;

  private Demo(DemoArguments args, PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    TelemetryStore store = openStore(args.store());
    RedactionPolicy redaction = RedactionPolicy.builder().pseudonymSalt(DEMO_SALT).build();
    Instant now = clock.instant();
    // The last two hours first, synchronously, so the first summary already has data.
    int recentDays = args.backfillDays() > 0 ? 1 : 0;
    long recentMinutes = recentDays == 0 ? 0 : Backfill.run(store, NODE, redaction, now, recentDays, minutesDone(120));

    AtomicReference<Telemetry> self = new AtomicReference<>();
    TelemetryQueries pageQueries = TelemetryQueries.builder(store, DemoModel.contract(), clock, Duration.ofDays(30))
        .build();
    DemoPages pages = new DemoPages(pageQueries, new FreshnessView(store, clock), store, clock,
        () -> self.get() == null ? List.<ServiceHealth>of() : self.get().health().snapshot());
    Telemetry.Builder builder = Telemetry.builder().service("demo-shop").environment("demo").node(NODE)
        .contract(DemoModel.contract()).store(store).redaction(redaction).flushInterval(Duration.ofSeconds(5))
        .healthProbe("payments_api", () -> DemoModel.incidentFactor(clock.instant()) > 1
            ? ProbeResult.degraded("p95 above 800 ms") : ProbeResult.healthy("p95 within threshold"))
        .healthProbe("worker", Probes.heartbeat(store, clock, "worker", Duration.ofSeconds(90)))
        .healthProbe("search_cluster", () -> ProbeResult.healthy("3/3 nodes green"));
    pages.all().forEach(builder::page);
    telemetry = builder.build();
    self.set(telemetry);

    token = args.token() != null ? args.token() : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.bearerToken("demo", token)).build();
    server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", args.port()));

    traffic = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-traffic");
      t.setDaemon(true);
      return t;
    });
    if (args.traffic()) {
      LiveTraffic live = new LiveTraffic(telemetry, System.nanoTime(), 0.15);
      traffic.scheduleAtFixedRate(() -> live.tick(clock.instant(), Duration.ofMillis(200)), 0, 200,
          TimeUnit.MILLISECONDS);
    }
    backfill = new Thread(() -> backfillHistory(store, redaction, now, args.backfillDays(), recentMinutes, out),
        "demo-backfill");
    backfill.setDaemon(true);
    backfill.start();
  }

  /** Starts the demo; the returned handle closes it. */
  public static Demo start(DemoArguments args, PrintStream out) throws Exception {
    return new Demo(args, out);
  }

  /** The dashboard's URL. */
  public String dashboardUrl() {
    return server.url();
  }

  /** The bearer token the dashboard asks for. */
  public String token() {
    return token;
  }

  public Telemetry telemetry() {
    return telemetry;
  }

  /** Waits until the background backfill is done (tests). */
  public boolean awaitBackfill(Duration timeout) throws InterruptedException {
    backfill.join(Math.max(1, timeout.toMillis()));
    return !backfill.isAlive();
  }

  private void backfillHistory(TelemetryStore store, RedactionPolicy redaction, Instant end, int days, long skip,
      PrintStream out) {
    if (days == 0) {
      return;
    }
    try {
      // Minutes before the recent ones already written, newest first, so the charts fill backwards.
      Instant olderEnd = end.minus(Duration.ofMinutes(skip));
      long minutes = Backfill.run(store, NODE, redaction, olderEnd, days, stopping::get);
      // Rollups overwrite, so rewinding their watermarks and catching up makes the hours and days
      // of the backfilled history complete, whatever the scheduled job saw earlier.
      Instant from = end.minus(Duration.ofDays(days)).minus(Duration.ofHours(1));
      store.writeWatermark("rollup.hour", dev.telemetry.store.Resolution.HOUR.bucketStart(from));
      store.writeWatermark("rollup.day", dev.telemetry.store.Resolution.DAY.bucketStart(from));
      RollupReport report;
      int hours = 0;
      do {
        report = telemetry.rollups().runOnce();
        hours += report.hoursRolled();
      } while (!stopping.get() && report.hoursRolled() > 0);
      out.printf("backfill: %d days of history (%d minutes), %d hours rolled up%n", days, minutes + skip, hours);
    } catch (RuntimeException e) {
      out.println("backfill stopped: " + e.getMessage());
    }
  }

  private static java.util.function.BooleanSupplier minutesDone(int minutes) {
    int[] done = {0};
    return () -> done[0]++ >= minutes;
  }

  static TelemetryStore openStore(String spec) {
    String lower = spec.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("memory")) {
      return InMemoryStore.builder().maxRows(500_000).build();
    }
    if (lower.startsWith("sqlite:")) {
      return JdbcStore.sqlite(Path.of(spec.substring("sqlite:".length())));
    }
    return JdbcStore.postgres(spec.substring("postgres:".length()));
  }

  @Override
  public void close() {
    stopping.set(true);
    traffic.shutdownNow();
    try {
      backfill.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    dashboard.close();
    telemetry.close();
  }
}
