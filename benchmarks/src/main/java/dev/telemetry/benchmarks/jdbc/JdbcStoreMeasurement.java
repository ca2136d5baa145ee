package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * MEASUREMENT, not a JMH benchmark: wall-clock numbers for DESIGN §6's store targets.
 * <ul>
 *   <li>flush of 10,000 series-minutes (one WriteBatch) — fresh rows, and merged into existing rows;</li>
 *   <li>bytes on disk per series-minute at a realistic mix (60 % histograms, 40 % counters);</li>
 *   <li>a logs page with 1,000,000 log rows (PostgreSQL), first page, cursor page and filtered pages.</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.jdbc.JdbcStoreMeasurement \
 *     'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' [logRows]
 * </pre>
 * Tables use a random prefix and are dropped at the end.
 */
public final class JdbcStoreMeasurement {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final String[] ROUTES = new String[100];
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  private static final String[] STATUSES = {"200", "201", "404", "500", "503"};

  static {
    for (int i = 0; i < ROUTES.length; i++) {
      ROUTES[i] = "/api/v1/resource" + i + "/{id}";
    }
  }

  private JdbcStoreMeasurement() {}

  public static void main(String[] args) throws Exception {
    String pgUrl = args.length > 0 ? args[0] : null;
    int logRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory("telemetry-measure");
    Path file = dir.resolve("telemetry.db");
    try (JdbcStore sqlite = JdbcStore.sqlite(file)) {
      System.out.println("== SQLite (" + file + ")");
      flush(sqlite);
      long rows = fillSeriesMinutes(sqlite, 60, 2_000);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        long all = count(s, "SELECT COUNT(*) FROM telemetry_samples_minute");
        System.out.printf("storage: file %,d bytes for %,d sample rows (%,d from this step) -> %.0f bytes/series-minute "
            + "(whole file / rows)%n", Files.size(file), all, rows, (double) Files.size(file) / all);
      }
    }
    if (pgUrl != null) {
      String prefix = "m" + Long.toHexString(new Random().nextLong() & 0xffffffffL) + "_";
      try (JdbcStore pg = JdbcStore.builder().jdbcUrl(pgUrl).tablePrefix(prefix).build();
          Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
        System.out.println("== PostgreSQL (prefix " + prefix + ")");
        flush(pg);
        long rows = fillSeriesMinutes(pg, 60, 2_000);
        s.execute("VACUUM ANALYZE " + prefix + "samples_minute");
        long all = count(s, "SELECT COUNT(*) FROM " + prefix + "samples_minute");
        long total = count(s, "SELECT pg_total_relation_size('" + prefix + "samples_minute')");
        long heap = count(s, "SELECT pg_relation_size('" + prefix + "samples_minute')");
        System.out.printf("storage: pg_total_relation_size %,d bytes (heap %,d) for %,d rows (%,d from this step) "
            + "-> %.0f bytes/series-minute (heap only %.0f)%n", total, heap, all, rows, (double) total / all,
            (double) heap / all);
        logsPage(pg, s, prefix, logRows);
      } finally {
        PrefixedTables.drop(pgUrl, prefix);
      }
    }
  }

  /** One WriteBatch of 10,000 samples: into an empty minute, then merged into the same minute (a new batch id). */
  private static void flush(JdbcStore store) {
    for (int round = 0; round < 4; round++) {
      Instant bucket = T0.plus(Duration.ofMinutes(1000 + round));
      List<MetricSample> samples = seriesMinute(bucket, 10_000, new Random(round));
      long fresh = timeWrite(store, samples);
      long merged = timeWrite(store, samples);
      System.out.printf("flush 10,000 series-minutes: new rows %.0f ms, merged into existing rows %.0f ms%s%n",
          fresh / 1e6, merged / 1e6, round == 0 ? " (warm-up)" : "");
    }
  }

  private static long timeWrite(JdbcStore store, List<MetricSample> samples) {
    WriteBatch batch = new WriteBatch(UUID.randomUUID().toString(), "node-a", samples, List.of(), List.of(), List.of(),
        List.of());
    long start = System.nanoTime();
    StoreResult result = store.write(batch);
    long took = System.nanoTime() - start;
    if (!result.success()) {
      throw new IllegalStateException(result.message(), result.cause());
    }
    return took;
  }

  private static long fillSeriesMinutes(JdbcStore store, int minutes, int series) {
    long start = System.nanoTime();
    for (int m = 0; m < minutes; m++) {
      List<MetricSample> samples = seriesMinute(T0.plus(Duration.ofMinutes(m)), series, new Random(m));
      store.write(new WriteBatch(UUID.randomUUID().toString(), "node-a", samples, List.of(), List.of(), List.of(),
          List.of()));
    }
    System.out.printf("wrote %d minutes x %d series in %.1f s%n", minutes, series, (System.nanoTime() - start) / 1e9);
    return (long) minutes * series;
  }

  /**
   * A realistic minute: 60 % latency histograms (lognormal, median 40 ms, 1..500 values per
   * series), 40 % request counters; labels route/method/status.
   */
  static List<MetricSample> seriesMinute(Instant bucket, int n, Random random) {
    List<MetricSample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, String> labels = Map.of("route", ROUTES[i % ROUTES.length], "method",
          METHODS[(i / ROUTES.length) % METHODS.length], "status",
          STATUSES[(i / (ROUTES.length * METHODS.length)) % STATUSES.length], "series", Integer.toString(i / 2_000));
      if (i % 5 < 3) {
        LatencySketch sketch = new LatencySketch();
        int values = 1 + random.nextInt(500);
        double sum = 0;
        for (int v = 0; v < values; v++) {
          double x = 0.040 * Math.exp(0.8 * random.nextGaussian());
          sketch.record(x);
          sum += x;
        }
        out.add(new MetricSample(bucket, Resolution.MINUTE, "http_server_duration_seconds", "node-a", labels,
            MetricKind.HISTOGRAM, values, sum, sketch.min(), sketch.max(), Double.NaN, sketch));
      } else {
        long count = 1 + random.nextInt(500);
        out.add(new MetricSample(bucket, Resolution.MINUTE, "http_server_requests_total", "node-a", labels,
            MetricKind.COUNTER, count, count, Double.NaN, Double.NaN, Double.NaN, null));
      }
    }
    return out;
  }

  private static void logsPage(JdbcStore pg, Statement s, String prefix, int rows) throws Exception {
    Random random = new Random(7);
    String[] domains = {"billing", "auth", "search", "checkout", "inventory", "email", "reports", "admin"};
    long start = System.nanoTime();
    Instant from = T0.minus(Duration.ofDays(30));
    long spanMillis = Duration.ofDays(30).toMillis();
    for (int written = 0; written < rows; written += 10_000) {
      List<LogEvent> logs = new ArrayList<>(10_000);
      for (int i = 0; i < 10_000 && written + i < rows; i++) {
        long ts = from.toEpochMilli() + (long) (written + i) * spanMillis / rows;
        String domain = domains[random.nextInt(domains.length)];
        logs.add(new LogEvent(Instant.ofEpochMilli(ts), random.nextInt(5) == 0 ? LogLevel.ERROR : LogLevel.WARN,
            "checkout", "node-" + random.nextInt(4), domain, domain + "_failed_" + random.nextInt(50),
            "request failed after " + random.nextInt(5000) + " ms: upstream returned " + (500 + random.nextInt(4)),
            Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), null,
            Map.of("attempt", Integer.toString(random.nextInt(3)))));
      }
      StoreResult r = pg.write(new WriteBatch(UUID.randomUUID().toString(), "node-a", List.of(), logs, List.of(),
          List.of(), List.of()));
      if (!r.success()) {
        throw new IllegalStateException(r.message(), r.cause());
      }
    }
    s.execute("VACUUM ANALYZE " + prefix + "logs");
    System.out.printf("inserted %,d log rows in %.1f s; logs table %,d bytes%n", count(s, "SELECT COUNT(*) FROM "
        + prefix + "logs"), (System.nanoTime() - start) / 1e9, count(s, "SELECT pg_total_relation_size('" + prefix
        + "logs')"));
    Instant to = T0.plusSeconds(1);
    LogQuery first = LogQuery.range(from, to, 100);
    String cursor = pg.readLogs(first).nextCursor();
    LogQuery deep = first.withCursor(pg.readLogs(first.withCursor(cursor)).nextCursor());
    LogQuery errors = LogQuery.range(from, to, 100).withLevels(Set.of(LogLevel.ERROR));
    LogQuery domain = LogQuery.range(from, to, 100).withDomain("billing");
    LogQuery lastDay = LogQuery.range(T0.minus(Duration.ofDays(1)), to, 100).withLevels(Set.of(LogLevel.ERROR))
        .withDomain("auth");
    LogQuery search = LogQuery.range(T0.minus(Duration.ofHours(1)), to, 100).withSearch("upstream returned 503");
    LogQuery searchAll = LogQuery.range(from, to, 100).withSearch("returned 503");
    page(pg, "first page (limit 100, newest first)", first);
    page(pg, "third page via cursor", deep);
    page(pg, "level=ERROR", errors);
    page(pg, "domain=billing", domain);
    page(pg, "last 24h, ERROR, domain=auth", lastDay);
    page(pg, "search, last hour", search);
    page(pg, "search over 30 days (common term)", searchAll);
  }

  private static void page(JdbcStore pg, String what, LogQuery q) {
    long[] times = new long[50];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      int n = pg.readLogs(q).items().size();
      times[i] = System.nanoTime() - start;
      if (n == 0) {
        throw new IllegalStateException(what + " returned no rows");
      }
    }
    Arrays.sort(times);
    System.out.printf("logs page, %s: median %.2f ms, p90 %.2f ms, max %.2f ms (50 runs)%n", what, times[25] / 1e6,
        times[45] / 1e6, times[49] / 1e6);
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
