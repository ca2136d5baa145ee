package dev.telemetry.examples.demo;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.Freshness;
import dev.telemetry.health.Probes;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jdbc.JdbcProbe;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.status.Threshold;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.Resolution;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

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
  /** Whether the covered history reaches the live traffic, so its end may follow the clock. */
  private final AtomicBoolean gapFilled = new AtomicBoolean();
  private final String token;
  private final HostDatabase hostDatabase;
  private final SearchService search;

  private Demo(DemoArguments args, PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    TelemetryStore store = openStore(args.store());
    RedactionPolicy redaction = RedactionPolicy.builder().pseudonymSalt(DEMO_SALT).build();
    // History is generated only for the minutes this store has not seen (DemoHistory): a restart
    // fills the gap since the last run and, if the window grew, the stretch before it.
    Instant now = Resolution.MINUTE.bucketStart(clock.instant());
    // --backfill-days 0 generates nothing and leaves a recorded range as it was.
    DemoHistory.Plan plan = args.backfillDays() == 0 ? new DemoHistory.Plan(now, now, false, now)
        : DemoHistory.plan(DemoHistory.read(store), now, args.backfillDays());
    if (plan.fresh()) {
      store.writeWatermark(DemoHistory.FROM, now);
      store.writeWatermark(DemoHistory.TO, now);
    }
    // The last two hours first, synchronously, so the first summary already has data.
    long gapMinutes = Duration.between(plan.gapFrom(), now).toMinutes();
    boolean gapNow = gapMinutes <= 120 && args.backfillDays() > 0;
    long syncMinutes = gapNow ? Backfill.fill(store, NODE, redaction, plan.gapFrom(), now, false, () -> false,
        to -> store.writeWatermark(DemoHistory.TO, to)) : 0;
    Instant[] from = {plan.olderTo()};
    if (plan.fresh() && args.backfillDays() > 0) {
      syncMinutes += Backfill.fill(store, NODE, redaction, plan.windowStart(), from[0], true, minutesDone(120),
          f -> {
            store.writeWatermark(DemoHistory.FROM, f);
            from[0] = f;
          });
    }
    gapFilled.set(gapNow);

    AtomicReference<Telemetry> self = new AtomicReference<>();
    hostDatabase = HostDatabase.create(clock);
    search = SearchService.start();
    // The pages read through the instance's own queries, which know when it started recording (the
    // start-up minute holds only the part after it); pages are computed only once it is built.
    DemoPages pages = new DemoPages(() -> self.get().queries(), () -> Freshness.readAll(store, clock.instant()), store, clock,
        () -> self.get() == null ? List.<ServiceHealth>of() : self.get().health().snapshot(), hostDatabase);
    // Every probe asks something real: the stored traffic, a heartbeat, an HTTP endpoint, two databases.
    Telemetry.Builder builder = Telemetry.builder().service("demo-shop").environment("demo").node(NODE)
        .contract(DemoModel.contract()).store(store).redaction(redaction).flushInterval(Duration.ofSeconds(5))
        .healthProbe("http_api", Probes.errorRate(store, clock, StandardMetrics.HTTP_SERVER_ERRORS,
            StandardMetrics.HTTP_SERVER_REQUESTS, Duration.ofMinutes(5), Threshold.higherIsWorse(1, 5)))
        .healthProbe("worker", Probes.heartbeat(store, clock, "worker", Duration.ofSeconds(90)))
        .healthProbe("alertd", Probes.heartbeat(store, clock, "alert_dispatcher", Duration.ofMinutes(10)))
        .healthProbe("search_cluster", new HttpProbe(search.healthUri(), Duration.ofSeconds(2), Duration.ofMillis(500)))
        .healthProbe("app_database", JdbcProbe.of(hostDatabase.dataSource(), Duration.ofSeconds(2)));
    storeDataSource(args.store()).ifPresent(ds -> builder.healthProbe("store_database",
        JdbcProbe.of(ds, Duration.ofSeconds(2))));
    pages.all().forEach(builder::page);
    telemetry = builder.build();
    self.set(telemetry);
    // The first health round and the first summary over the backfilled hours before the server
    // answers: the scheduled ones run on their own threads and, on a busy machine, after the first
    // visitor, who would read every service as "not checked yet". Each probe has its own timeout,
    // so the round ends within the longest of them (2 s).
    telemetry.health().checkNow().join();
    telemetry.summary().refresh();

    token = args.token() != null ? args.token() : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.bearerToken("demo", token)).build();
    server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", args.port()));

    traffic = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-traffic");
      t.setDaemon(true);
      return t;
    });
    if (args.traffic()) {
      LiveTraffic live = new LiveTraffic(telemetry, System.nanoTime());
      traffic.scheduleAtFixedRate(() -> live.tick(clock.instant(), Duration.ofMillis(200)), 0, 200,
          TimeUnit.MILLISECONDS);
    }
    // Once the gap is filled, the covered range follows the live traffic minute by minute.
    traffic.scheduleAtFixedRate(() -> {
      if (gapFilled.get()) {
        store.writeWatermark(DemoHistory.TO, Resolution.MINUTE.bucketStart(clock.instant()));
      }
    }, 1, 1, TimeUnit.MINUTES);
    Instant gapFrom = gapNow ? now : plan.gapFrom();
    Instant olderTo = from[0];
    long done = syncMinutes;
    backfill = new Thread(() -> backfillHistory(store, redaction, gapFrom, now, plan.windowStart(), olderTo, done, out),
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

  /** The app's own database, which the users page reads invite codes from. */
  HostDatabase hostDatabase() {
    return hostDatabase;
  }

  /** The search-cluster stand-in the {@code search_cluster} probe asks over HTTP. */
  SearchService search() {
    return search;
  }

  /** Waits until the background backfill is done (tests). */
  public boolean awaitBackfill(Duration timeout) throws InterruptedException {
    backfill.join(Math.max(1, timeout.toMillis()));
    return !backfill.isAlive();
  }

  /**
   * Fills what the start left: the gap {@code [gapFrom, now)} oldest first, then the older stretch
   * {@code [windowStart, olderTo)} newest first, moving the store's history range after each minute.
   */
  private void backfillHistory(TelemetryStore store, RedactionPolicy redaction, Instant gapFrom, Instant now,
      Instant windowStart, Instant olderTo, long alreadyDone, PrintStream out) {
    if (!windowStart.isBefore(now)) {
      return; // --backfill-days 0
    }
    try {
      long minutes = alreadyDone;
      minutes += Backfill.fill(store, NODE, redaction, gapFrom, now, false, stopping::get,
          to -> store.writeWatermark(DemoHistory.TO, to));
      gapFilled.set(!stopping.get());
      minutes += Backfill.fill(store, NODE, redaction, windowStart, olderTo, true, stopping::get,
          from -> store.writeWatermark(DemoHistory.FROM, from));
      if (minutes == 0) {
        out.println("backfill: history already in the store, nothing to generate");
        return;
      }
      // Rollups overwrite, so rewinding their watermarks and catching up makes the hours and days
      // of the generated history complete, whatever the scheduled job saw earlier.
      Instant earliest = windowStart.isBefore(olderTo) ? windowStart : gapFrom;
      Instant rewind = earliest.minus(Duration.ofHours(1));
      store.writeWatermark("rollup.hour", Resolution.HOUR.bucketStart(rewind));
      store.writeWatermark("rollup.day", Resolution.DAY.bucketStart(rewind));
      RollupReport report;
      int hours = 0;
      do {
        report = telemetry.rollups().runOnce();
        hours += report.hoursRolled();
      } while (!stopping.get() && report.hoursRolled() > 0);
      out.printf("backfill: %d minutes of history generated, %d hours rolled up%n", minutes, hours);
    } catch (RuntimeException e) {
      out.println("backfill stopped: " + e.getMessage());
    }
  }

  private static java.util.function.BooleanSupplier minutesDone(int minutes) {
    int[] done = {0};
    return () -> done[0]++ >= minutes;
  }

  static TelemetryStore openStore(String spec) {
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.equals("memory")) {
      return InMemoryStore.builder().maxRows(500_000).build();
    }
    if (lower.startsWith("sqlite:")) {
      return JdbcStore.sqlite(Path.of(spec.substring("sqlite:".length())));
    }
    return JdbcStore.postgres(spec.substring("postgres:".length()));
  }

  /**
   * A connection source to the database behind a JDBC store, for the {@code store_database}
   * probe (the store keeps its own pool to itself); empty for the in-memory store.
   */
  static Optional<DataSource> storeDataSource(String spec) {
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sqlite:")) {
      SQLiteDataSource ds = new SQLiteDataSource();
      ds.setUrl("jdbc:sqlite:" + spec.substring("sqlite:".length()));
      return Optional.of(ds);
    }
    if (lower.startsWith("postgres:")) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(spec.substring("postgres:".length()));
      return Optional.of(ds);
    }
    return Optional.empty();
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
    search.close();
    dashboard.close();
    telemetry.close();
  }
}
