package dev.telemetry.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.Dialect;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.WriteBatch;
import dev.telemetry.testkit.TestClock;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * MEASUREMENT, not a JMH benchmark: a cluster of N nodes flushing one hour into one PostgreSQL
 * (issue 16, "a scale simulation"; docs/operations.md, "Scale").
 *
 * <p>Each node has its own {@link JdbcStore} instance and node name and writes, once per simulated
 * minute, the batch its pipeline would flush (one flush a minute, the default): the three HTTP
 * server metrics over 20 routes (errors on 2), the database query histogram over 3 operations, the
 * pool and memory gauges, 3 heartbeats and 3 persisted log events (WARN/ERROR), plus the
 * node-merged {@code *} rows of every minute sample ({@link WriteBatch#withClusterSamples()}), in
 * one {@link JdbcStore#write} as the pipeline does. Minutes are simulated, not waited for: all
 * nodes' batches of one minute are written concurrently by a bounded worker pool (default 4
 * threads, {@code -Dscale.threads}) over one shared connection pool (as behind a pooler: 200
 * separate pools would exceed PostgreSQL's default 100 connections), then the next minute starts.
 * A failed write is retried as the pipeline would and counted.
 *
 * <p>Reported per N: rows and bytes per table ({@code pg_total_relation_size}, heap, indexes, live
 * and dead tuples), the write rate a real cluster would produce (rows and bytes per real minute),
 * the time this machine took to write the hour, flush time per node (p50/p95/max), lock waits
 * sampled from {@code pg_locks} every 20 ms, and the query times after the hour from node-0's
 * point of view (trend 24 h and 1 h, trend 1 h of one node, one summary refresh): median (minimum)
 * of 7 rounds after 3 warm-up rounds. Then the cluster's summary work in one 5 s period, every node
 * refreshing once: each computing its own, and sharing one (ADR 0058).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.jdbc.ScaleSimulation \
 *     'jdbc:postgresql://127.0.0.1:5432/tel_scale?user=postgres' 1,10,50,200
 * </pre>
 * Random table prefixes, dropped at the end of each N.
 */
public final class ScaleSimulation {
  private static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock AFTER_HOUR = Clock.fixed(HOUR.plus(Duration.ofMinutes(61)), ZoneOffset.UTC);
  private static final MetricContract CONTRACT =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
  private static final int ROUTES = 20;
  private static final int THREADS = Integer.getInteger("scale.threads", 4);
  private static final int WARMUP = 3;
  private static final int ROUNDS = 7;
  private static final long LOCK_SAMPLE_MS = 20;

  private static final TrendQuery T24 =
      TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_24_HOURS));
  private static final TrendQuery T1 =
      TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_HOUR));
  private static final TrendQuery T1_NODE = T1.onNode("node-0");

  private ScaleSimulation() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ScaleSimulation JDBC_URL [NODES,...]   e.g. 1,10,50,200");
      System.exit(2);
    }
    String url = args[0];
    int[] counts = Arrays.stream((args.length > 1 ? args[1] : "1,10,50,200").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    System.out.printf(Locale.ROOT, "scale simulation: one hour of minutes, %d routes, %d writer threads, "
        + "%d CPUs, load average at start %.1f%n", ROUTES, THREADS, Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    List<Result> results = new ArrayList<>();
    for (int nodes : counts) {
      String prefix = "sim" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE).substring(0, 8) + "_";
      try {
        results.add(simulate(url, prefix, nodes));
      } finally {
        PrefixedTables.drop(url, prefix);
      }
    }
    System.out.println();
    System.out.println("## summary (ms: median (minimum); flush: per node and minute; sizes after the hour)");
    System.out.println("nodes | rows written/min | MB after 1 h | MB/min | write rate on this machine rows/s"
        + " | x real time | flush p50 | flush p95 | flush max | lock-wait samples | trend 24h | trend 1h"
        + " | trend 1h node-0 | summary refresh | cluster refresh work, each node computes"
        + " | cluster refresh work, shared | one follower's refresh");
    for (Result r : results) {
      System.out.println(r.row());
    }
  }

  record Result(int nodes, long rowsPerMinute, long bytes, double writeSeconds, long rowsWritten, double[] flush,
      long lockSamples, long lockSamplesWaiting, double[][] queries, double[][] cluster) {
    String row() {
      return String.format(Locale.ROOT,
          "%d | %,d | %.1f | %.2f | %,.0f | %.0f | %.1f | %.1f | %.1f | %d of %d | %s | %s | %s | %s | %s | %s | %s",
          nodes, rowsPerMinute, bytes / 1e6, bytes / 1e6 / 60, rowsWritten / writeSeconds, 3600 / writeSeconds,
          flush[0], flush[1], flush[2], lockSamplesWaiting, lockSamples, q(0), q(1), q(2), q(3), c(0), c(1), c(2));
    }

    private String c(int i) {
      return String.format(Locale.ROOT, "%.1f (%.1f)", cluster[i][0], cluster[i][1]);
    }

    private String q(int i) {
      return String.format(Locale.ROOT, "%.1f (%.1f)", queries[i][0], queries[i][1]);
    }
  }

  private static Result simulate(String url, String prefix, int nodes) throws Exception {
    System.out.printf(Locale.ROOT, "%n## %d node(s), prefix %s%n", nodes, prefix);
    TestClock clock = TestClock.at(HOUR); // the store's applied-batch records and the minute being flushed
    ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    String application = "scale-" + prefix;
    try (HikariDataSource pool = pool(url, application)) {
      List<JdbcStore> stores = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        stores.add(JdbcStore.builder().dataSource(pool).dialect(Dialect.POSTGRESQL).tablePrefix(prefix).clock(clock)
            .build());
      }
      for (JdbcStore s : stores) {
        s.readHeartbeats(); // creates (first) or checks the schema outside the timed hour
      }
      long deadlocksBefore = deadlocks(url);
      LockSampler locks = new LockSampler(url, application);
      sampler.scheduleAtFixedRate(locks, 0, LOCK_SAMPLE_MS, TimeUnit.MILLISECONDS);
      long[] flushNanos = new long[nodes * 60];
      AtomicLong rows = new AtomicLong();
      AtomicLong retries = new AtomicLong();
      long start = System.nanoTime();
      for (int m = 0; m < 60; m++) {
        Instant minute = HOUR.plusSeconds(60L * m);
        clock.set(minute.plusSeconds(60));
        List<Callable<Void>> flushes = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
          int node = n;
          int index = m * nodes + n;
          flushes.add(() -> {
            WriteBatch batch = batch(minute, node, index).withClusterSamples();
            long t = System.nanoTime();
            StoreResult result = stores.get(node).write(batch);
            while (!result.success()) {
              if (!result.retryable()) {
                throw new IllegalStateException(result.message(), result.cause());
              }
              retries.incrementAndGet();
              result = stores.get(node).write(batch);
            }
            flushNanos[index] = System.nanoTime() - t;
            rows.addAndGet(batch.size());
            if (index == 0) {
              Watermarks.noteClusterRows(stores.get(0), batch);
            }
            return null;
          });
        }
        for (Future<Void> f : workers.invokeAll(flushes)) {
          f.get();
        }
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      sampler.shutdown();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
      long deadlocks = deadlocks(url) - deadlocksBefore;
      double[] flush = percentiles(flushNanos);
      System.out.printf(Locale.ROOT, "write: %,d rows (samples incl. * rows, logs, heartbeats) in %.1f s = %,.0f rows/s"
              + " on this machine (%.0fx real time); per real minute the cluster writes %,d rows = %,.0f rows/s%n",
          rows.get(), writeSeconds, rows.get() / writeSeconds, 3600 / writeSeconds, rows.get() / 60,
          rows.get() / 3600.0);
      System.out.printf(Locale.ROOT, "flush per node and minute: p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
              + "retried writes %d; deadlocks %d%n", flush[0], flush[1], flush[2], retries.get(), deadlocks);
      System.out.printf(Locale.ROOT, "lock waits (pg_locks not granted, this run's connections, every %d ms): "
              + "%d of %d samples saw a waiter, max %d waiting at once; waiters by lock type %s%n", LOCK_SAMPLE_MS,
          locks.waiting.get(), locks.samples.get(), locks.maxWaiting.get(), locks.byType);
      long bytes = printSizes(url, prefix);
      double[][] queries = queries(stores.get(0));
      System.out.printf(Locale.ROOT, "queries after the hour, node-0, median (minimum) of %d, ms: trend 24h %.1f (%.1f)"
              + " | trend 1h %.1f (%.1f) | trend 1h node-0 %.1f (%.1f) | summary refresh %.1f (%.1f)%n", ROUNDS,
          queries[0][0], queries[0][1], queries[1][0], queries[1][1], queries[2][0], queries[2][1], queries[3][0],
          queries[3][1]);
      double[][] cluster = clusterRounds(stores);
      System.out.printf(Locale.ROOT, "cluster refresh work per 5 s (every node refreshes once), median (minimum) of"
              + " %d, ms: each node computes %.1f (%.1f) | shared (ADR 0058) %.1f (%.1f); one follower's refresh"
              + " %.2f (%.2f)%n", ROUNDS, cluster[0][0], cluster[0][1], cluster[1][0], cluster[1][1], cluster[2][0],
          cluster[2][1]);
      locks.close();
      return new Result(nodes, rows.get() / 60, bytes, writeSeconds, rows.get(), flush, locks.samples.get(),
          locks.waiting.get(), queries, cluster);
    } finally {
      workers.shutdownNow();
      sampler.shutdownNow();
    }
  }

  private static HikariDataSource pool(String url, String application) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(THREADS + 1);
    config.setPoolName(application);
    config.addDataSourceProperty("ApplicationName", application);
    return new HikariDataSource(config);
  }

  /** One node's flush of one minute, as its pipeline would hand it to the store. */
  static WriteBatch batch(Instant minute, int node, long seed) {
    Random random = new Random(seed);
    String name = "node-" + node;
    List<MetricSample> samples = new ArrayList<>();
    for (int r = 0; r < ROUTES; r++) {
      Map<String, String> labels = Map.of("route", "/api/r" + r, "method", r % 4 == 0 ? "POST" : "GET",
          "status", "200");
      int requests = 5 + random.nextInt(60);
      samples.add(histogram(minute, StandardMetrics.HTTP_SERVER_DURATION, name, labels, requests, random, 2000));
      samples.add(counter(minute, StandardMetrics.HTTP_SERVER_REQUESTS, name, labels, requests));
      if (r < 2) {
        samples.add(counter(minute, StandardMetrics.HTTP_SERVER_ERRORS, name,
            Map.of("route", "/api/r" + r, "method", labels.get("method"), "error_type", "500"), 1 + random.nextInt(3)));
      }
    }
    for (String operation : List.of("select", "insert", "update")) {
      samples.add(histogram(minute, StandardMetrics.DB_QUERY_DURATION, name,
          Map.of("operation", operation, "sqlstate_class", "00"), 10 + random.nextInt(90), random, 200));
    }
    samples.add(gauge(minute, StandardMetrics.DB_POOL_UTILIZATION, name, Map.of("pool", "main"), random));
    samples.add(gauge(minute, StandardMetrics.PROCESS_MEMORY_UTILIZATION, name, Map.of(), random));
    Instant seen = minute.plusSeconds(59);
    List<Heartbeat> heartbeats = List.of(
        new Heartbeat("app", Heartbeat.Kind.SERVICE, name, seen, Duration.ofMinutes(1), Duration.ZERO, true, ""),
        new Heartbeat("invoice-sweep", Heartbeat.Kind.JOB, name, seen, Duration.ofMinutes(5),
            Duration.ofMillis(200 + random.nextInt(800)), true, "swept"),
        new Heartbeat("payments-api", Heartbeat.Kind.KEY, name, seen, Duration.ofMinutes(1), Duration.ZERO, true, ""));
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      boolean error = i == 0;
      logs.add(new LogEvent(minute.plusMillis(random.nextInt(60_000)), error ? LogLevel.ERROR : LogLevel.WARN, "shop",
          name, "payments", error ? "charge_failed" : "slow_call",
          (error ? "charge failed for order " : "slow call to provider after ms ") + random.nextInt(1_000_000),
          Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), Long.toHexString(random.nextLong()),
          Map.of("provider", "acme", "attempt", Integer.toString(1 + random.nextInt(3)))));
    }
    return new WriteBatch(name + "-" + minute.getEpochSecond(), name, samples, logs, List.of(), List.of(), heartbeats);
  }

  private static MetricSample histogram(Instant minute, String metric, String node, Map<String, String> labels,
      int count, Random random, int maxMillis) {
    LatencySketch sketch = new LatencySketch();
    double sum = 0;
    for (int v = 0; v < count; v++) {
      double value = (1 + random.nextInt(maxMillis)) / 1024.0;
      sketch.record(value);
      sum += value;
    }
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.HISTOGRAM, count, sum,
        sketch.min(), sketch.max(), Double.NaN, sketch);
  }

  private static MetricSample counter(Instant minute, String metric, String node, Map<String, String> labels,
      long count) {
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.COUNTER, count, count,
        Double.NaN, Double.NaN, Double.NaN, null);
  }

  private static MetricSample gauge(Instant minute, String metric, String node, Map<String, String> labels,
      Random random) {
    double a = random.nextDouble();
    double b = random.nextDouble();
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.GAUGE, 2, a + b,
        Math.min(a, b), Math.max(a, b), b, null);
  }

  /** Per table: rows, total / heap / index bytes, live and dead tuples; returns the total bytes. */
  private static long printSizes(String url, String prefix) throws SQLException {
    long total = 0;
    System.out.println("table | rows | total bytes | heap bytes | index bytes | live tuples | dead tuples");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE '"
          + prefix.replace("_", "\\_") + "%' ORDER BY relname")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM " + t + "), pg_total_relation_size('" + t
            + "'), pg_relation_size('" + t + "'), pg_indexes_size('" + t + "'), coalesce(st.n_live_tup, 0), "
            + "coalesce(st.n_dead_tup, 0) FROM pg_stat_user_tables st WHERE st.relname = '" + t + "'")) {
          if (rs.next()) {
            total += rs.getLong(2);
            System.out.printf(Locale.ROOT, "%s | %,d | %,d | %,d | %,d | %,d | %,d%n", t.substring(prefix.length()),
                rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "all tables | | %,d%n", total);
    return total;
  }

  private static long deadlocks(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Per query: {median, minimum} in ms over {@link #ROUNDS} rounds after {@link #WARMUP}. */
  private static double[][] queries(JdbcStore store) {
    TelemetryQueries q = TelemetryQueries.builder(store, CONTRACT, AFTER_HOUR, Duration.ofDays(30)).build();
    List<double[]> rounds = new ArrayList<>();
    for (int r = 0; r < WARMUP + ROUNDS; r++) {
      SummaryService summary = SummaryService.builder(store, CONTRACT, AFTER_HOUR, HOUR).node("node-0").build();
      double[] t = {millis(() -> q.trend(T24)), millis(() -> q.trend(T1)), millis(() -> q.trend(T1_NODE)),
          millis(summary::refresh)};
      if (r >= WARMUP) {
        rounds.add(t);
      }
    }
    double[][] out = new double[4][2];
    for (int i = 0; i < 4; i++) {
      int query = i;
      double[] values = rounds.stream().mapToDouble(t -> t[query]).sorted().toArray();
      out[i][0] = values[values.length / 2];
      out[i][1] = values[0];
    }
    return out;
  }

  /**
   * The cluster's summary work in one 5 s period, every node refreshing once in turn: {median,
   * minimum} in ms over {@link #ROUNDS} rounds after {@link #WARMUP} of (0) every node computing its
   * own summary, as before ADR 0058, (1) every node sharing, node-0 holding the lease, (2) one
   * follower's refresh (the last node's) in the shared rounds.
   */
  private static double[][] clusterRounds(List<JdbcStore> stores) {
    List<SummaryService> own = new ArrayList<>();
    List<SummaryService> shared = new ArrayList<>();
    for (int n = 0; n < stores.size(); n++) {
      own.add(SummaryService.builder(stores.get(n), CONTRACT, AFTER_HOUR, HOUR).node("node-" + n).build());
      shared.add(SummaryService.builder(stores.get(n), CONTRACT, AFTER_HOUR, HOUR).node("node-" + n)
          .shareAcrossNodes().build());
    }
    List<double[]> rounds = new ArrayList<>();
    for (int r = 0; r < WARMUP + ROUNDS; r++) {
      double ownMs = 0;
      for (SummaryService s : own) {
        ownMs += millis(s::refresh);
      }
      double sharedMs = 0;
      double followerMs = 0;
      for (SummaryService s : shared) {
        followerMs = millis(s::refresh);
        sharedMs += followerMs;
      }
      if (r >= WARMUP) {
        rounds.add(new double[] {ownMs, sharedMs, stores.size() > 1 ? followerMs : Double.NaN});
      }
    }
    double[][] out = new double[3][2];
    for (int i = 0; i < 3; i++) {
      int column = i;
      double[] values = rounds.stream().mapToDouble(t -> t[column]).sorted().toArray();
      out[i][0] = values[values.length / 2];
      out[i][1] = values[0];
    }
    return out;
  }

  private static double millis(Supplier<?> query) {
    long t = System.nanoTime();
    query.get();
    return (System.nanoTime() - t) / 1e6;
  }

  private static double[] percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6};
  }

  /** Samples how many of this run's connections wait for a lock (a monitor, not synchronisation). */
  private static final class LockSampler implements Runnable, AutoCloseable {
    final AtomicLong samples = new AtomicLong();
    final AtomicLong waiting = new AtomicLong();
    final AtomicLong maxWaiting = new AtomicLong();
    /** Waiting lock requests seen, by {@code pg_locks.locktype} (advisory: the {@code *} row lock per metric-minute). */
    final Map<String, Long> byType = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Connection connection;
    private final String application;

    LockSampler(String url, String application) throws SQLException {
      this.connection = DriverManager.getConnection(url);
      this.application = application;
    }

    @Override
    public void run() {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT l.locktype, count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted "
              + "AND a.application_name = '" + application + "' GROUP BY l.locktype")) {
        long n = 0;
        while (rs.next()) {
          n += rs.getLong(2);
          byType.merge(rs.getString(1), rs.getLong(2), Long::sum);
        }
        samples.incrementAndGet();
        if (n > 0) {
          waiting.incrementAndGet();
          maxWaiting.accumulateAndGet(n, Math::max);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("lock sampling failed", e);
      }
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
