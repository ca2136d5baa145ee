package dev.telemetry.benchmarks.query;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.LogSearch;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries.RouteSort;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TelemetryQueries.TopRoutes;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DESIGN §6 {@code /trends} targets (24 h ≤ 20 ms, 30 d ≤ 50 ms) and a logs page, on each store
 * ({@code store} parameter: {@code memory}, {@code sqlite}, {@code postgres}) holding 30 days of
 * 5 metrics × 50 label sets: minute samples for the last 48 h (what the retention keeps), hour
 * and day rollups for the whole 30 days, rollup watermarks and dirty marks as the rollup job
 * leaves them (no marks behind the hour watermark), and 100,000 WARN/ERROR log rows. Sketches hold a handful of buckets to keep the heap small.
 * PostgreSQL is read from {@code TELEMETRY_BENCH_POSTGRES_URL} (default the local test
 * database) into tables with a fresh prefix, dropped afterwards.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueryBenchmark -p store=memory,sqlite,postgres -f 1 -wi 2 -i 3 -r 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class QueryBenchmark {
  static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");
  static final int LABEL_SETS = 50;
  static final int LOG_ROWS = 100_000;

  @Param({"memory", "sqlite", "postgres"})
  public String store;

  private TelemetryStore telemetryStore;
  private Runnable cleanup = () -> { };
  private LogSearch logsPage;
  private TelemetryQueries queries;
  private TrendQuery trend24h;
  private TrendQuery trend30d;
  private QueryRange range24h;

  @Setup
  public void setUp() {
    MetricContract contract = StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder()))
        .build();
    TelemetryStore store = open();
    telemetryStore = store;
    List<String> histograms = List.of(StandardMetrics.HTTP_SERVER_DURATION, StandardMetrics.DB_QUERY_DURATION,
        StandardMetrics.DB_POOL_UTILIZATION);
    List<String> counters = List.of(StandardMetrics.HTTP_SERVER_REQUESTS, StandardMetrics.HTTP_SERVER_ERRORS);
    Instant hourWatermark = Resolution.HOUR.bucketStart(NOW);
    Instant dayWatermark = Resolution.DAY.bucketStart(NOW);
    SplittableRandom random = new SplittableRandom(1);
    generate(store, Resolution.MINUTE, NOW.minus(Duration.ofHours(48)), NOW, histograms, counters, random);
    generate(store, Resolution.HOUR, NOW.minus(Duration.ofDays(30)), hourWatermark, histograms, counters, random);
    generate(store, Resolution.DAY, NOW.minus(Duration.ofDays(30)), dayWatermark, histograms, counters, random);
    generateLogs(store, random);
    store.writeWatermark("rollup.hour", hourWatermark);
    store.writeWatermark("rollup.day", dayWatermark);
    // Marks of hours before the watermark would not outlive the rollup job's next run.
    RollupState.claimMarks(store, hourWatermark, dayWatermark);
    queries = TelemetryQueries.builder(store, contract, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30))
        .build();
    trend24h = TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_24_HOURS));
    trend30d = TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_30_DAYS));
    range24h = QueryRange.last(TimeRange.LAST_24_HOURS);
    logsPage = LogSearch.of(range24h, 50);
  }

  private TelemetryStore open() {
    switch (store) {
      case "memory":
        return InMemoryStore.builder().maxSamples(3_000_000).maxRows(LOG_ROWS).build();
      case "sqlite":
        try {
          Path dir = Files.createTempDirectory("telemetry-bench");
          cleanup = () -> deleteTree(dir);
          return JdbcStore.sqlite(dir.resolve("bench.db"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      case "postgres":
        String url = System.getenv().getOrDefault("TELEMETRY_BENCH_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String prefix = "bench_" + Long.toHexString(System.nanoTime()) + "_";
        cleanup = () -> dropTables(url, prefix);
        return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
      default:
        throw new IllegalArgumentException("store must be memory, sqlite or postgres, was " + store);
    }
  }

  @TearDown
  public void tearDown() {
    telemetryStore.close();
    cleanup.run();
  }

  private static void generateLogs(TelemetryStore store, SplittableRandom random) {
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < LOG_ROWS; i++) {
      Instant ts = NOW.minusMillis((long) (random.nextDouble() * Duration.ofDays(7).toMillis()));
      logs.add(new LogEvent(ts, i % 4 == 0 ? LogLevel.ERROR : LogLevel.WARN, "svc", "node-1",
          "domain" + (i % 8), "event_" + (i % 40), "request " + i + " failed after " + random.nextInt(5000) + " ms",
          null, null, Map.of()));
      if (logs.size() == 5_000) {
        store.write(new WriteBatch(UUID.randomUUID().toString(), "node-1", List.of(), logs, List.of(), List.of(),
            List.of()));
        logs = new ArrayList<>();
      }
    }
  }

  private static void dropTables(String url, String prefix) {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix + "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        st.execute("DROP TABLE IF EXISTS \"" + t + "\" CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop benchmark tables " + prefix + "*", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void generate(TelemetryStore store, Resolution resolution, Instant from, Instant to,
      List<String> histograms, List<String> counters, SplittableRandom random) {
    List<MetricSample> batch = new ArrayList<>();
    for (Instant t = resolution.bucketStart(from); t.isBefore(to); t = t.plus(resolution.width())) {
      for (int l = 0; l < LABEL_SETS; l++) {
        Map<String, String> labels = Map.of("route", "/r" + l, "method", "GET", "status", "200");
        for (String metric : histograms) {
          LatencySketch sketch = new LatencySketch();
          double base = 0.01 * (1 + l % 10);
          for (int i = 0; i < 8; i++) {
            sketch.record(base * (1 + random.nextDouble()), 1 + random.nextInt(20));
          }
          batch.add(new MetricSample(t, resolution, metric, "node-1", labels, MetricKind.HISTOGRAM, sketch.count(),
              sketch.sum(), sketch.min(), sketch.max(), Double.NaN, sketch));
        }
        for (String metric : counters) {
          double delta = 1 + random.nextInt(100);
          batch.add(new MetricSample(t, resolution, metric, "node-1", labels, MetricKind.COUNTER, 1, delta,
              Double.NaN, Double.NaN, Double.NaN, null));
        }
      }
      if (batch.size() > 50_000) {
        store.replaceSamples(batch);
        batch = new ArrayList<>();
      }
    }
    store.replaceSamples(batch);
  }

  @Benchmark
  public Trend trends24h() {
    return queries.trend(trend24h);
  }

  @Benchmark
  public Trend trends30d() {
    return queries.trend(trend30d);
  }

  @Benchmark
  public Page<LogEvent> logsPage() {
    return queries.logs(logsPage);
  }

  @Benchmark
  public TopRoutes topRoutes24h() {
    return queries.topRoutes(range24h, RouteSort.LATENCY, 10);
  }
}
