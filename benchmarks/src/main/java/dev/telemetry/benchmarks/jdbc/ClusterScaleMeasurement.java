package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * MEASUREMENT, not a JMH benchmark: query cost against the number of nodes (ADR 0018, issue 16).
 *
 * <p>N nodes (1, 10, 50) each write one hour of minutes, 20 label sets of the request-duration
 * histogram and 20 of the request counter, into one store. Two copies of the data set: "per-node"
 * as written before ADR 0018 (each node's rows only, no {@code cluster.since}) and "merged" as the
 * pipeline writes now (plus node-merged rows). Both are queried in the same JVM, alternately: trend
 * 24 h, trend 1 h, trend 1 h filtered by one node, and one summary refresh; median of 9 after 3
 * warm-up rounds, after a
 * throwaway 10-node pass that warms the JIT up. The two data sets' answers are compared for equality first.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.jdbc.ClusterScaleMeasurement \
 *     'jdbc:postgresql://127.0.0.1:5432/tel_scale?user=postgres'
 * </pre>
 * SQLite always (temp files); PostgreSQL when a URL is given (random prefixes, dropped at the end).
 */
public final class ClusterScaleMeasurement {
  private static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(HOUR.plus(Duration.ofMinutes(61)), ZoneOffset.UTC);
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();
  private static final int LABEL_SETS = 20;
  /**
   * Values per node, label set and minute: by default 5–24 (light traffic: a node's sketch holds
   * few buckets, a 50-node row many); {@code -Dscale.values=400} gives every sketch busy-node traffic.
   */
  private static final int VALUES = Integer.getInteger("scale.values", 0);
  /** The first 10 only warms the JIT up (not printed): otherwise the 1-node case runs on a cold JVM. */
  private static final int[] NODES = {10, 1, 10, 50};
  private static final int ROUNDS = 11;
  private static final int WARMUP = 5;

  private ClusterScaleMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("telemetry-scale");
    System.out.println("median (minimum) of " + ROUNDS + " rounds, ms; values per node, label set and minute: "
        + (VALUES > 0 ? VALUES : "5-24"));
    System.out.println("store | nodes | data | write ms/node-minute | trend 24h | trend 1h | trend 1h node-0"
        + " | summary refresh | cluster refresh work per 5 s (nodes x summary median)");
    measure("SQLite", (name) -> JdbcStore.sqlite(dir.resolve(name + ".db")));
    if (args.length > 0) {
      List<String> prefixes = new ArrayList<>();
      try {
        measure("PostgreSQL", (name) -> {
          String prefix = "s" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE).substring(0, 8) + "_";
          prefixes.add(prefix);
          return JdbcStore.builder().jdbcUrl(args[0]).tablePrefix(prefix).build();
        });
      } finally {
        for (String p : prefixes) {
          PrefixedTables.drop(args[0], p);
        }
      }
    }
  }

  interface Opener {
    JdbcStore open(String name) throws Exception;
  }

  private static void measure(String storeName, Opener opener) throws Exception {
    for (int i = 0; i < NODES.length; i++) {
      int nodes = NODES[i];
      boolean print = i > 0;
      try (JdbcStore perNode = opener.open("per-node-" + nodes); JdbcStore merged = opener.open("merged-" + nodes)) {
        double writePerNode = fill(perNode, nodes, false);
        double writeMerged = fill(merged, nodes, true);
        checkEqual(perNode, merged);
        double[][] times = new double[2][4];
        List<double[]>[] rounds = new List[] {new ArrayList<>(), new ArrayList<>()};
        for (int r = 0; r < WARMUP + ROUNDS; r++) {
          for (int which = 0; which < 2; which++) {
            double[] t = time(which == 0 ? perNode : merged);
            if (r >= WARMUP) {
              rounds[which].add(t);
            }
          }
        }
        for (int which = 0; which < 2; which++) {
          for (int q = 0; q < 4; q++) {
            int query = q;
            times[which][q] = median(rounds[which].stream().mapToDouble(t -> t[query]).toArray());
          }
          if (!print) {
            continue;
          }
          double[] least = new double[4];
          for (int q = 0; q < 4; q++) {
            int query = q;
            least[q] = rounds[which].stream().mapToDouble(t -> t[query]).min().orElseThrow();
          }
          System.out.printf("%s | %d | %s | %.2f | %.1f (%.1f) | %.1f (%.1f) | %.1f (%.1f) | %.1f (%.1f) | %.0f%n",
              storeName, nodes, which == 0 ? "per-node" : "merged", which == 0 ? writePerNode : writeMerged,
              times[which][0], least[0], times[which][1], least[1], times[which][2], least[2], times[which][3], least[3],
              nodes * times[which][3]);
        }
      }
    }
  }

  /** Writes the hour: one batch per node and minute; returns the mean ms per batch. */
  private static double fill(TelemetryStore store, int nodes, boolean withClusterRows) {
    long total = 0;
    int batches = 0;
    for (int m = 0; m < 60; m++) {
      for (int n = 0; n < nodes; n++) {
        String node = "node-" + n;
        WriteBatch batch = new WriteBatch(node + "-" + m, node, samples(HOUR.plusSeconds(60L * m), node, m * 1000L + n),
            List.of(), List.of(), List.of(), List.of());
        if (withClusterRows) {
          batch = batch.withClusterSamples();
        }
        long t = System.nanoTime();
        check(store.write(batch));
        if (withClusterRows && m == 0 && n == 0) {
          Watermarks.noteClusterRows(store, batch);
        }
        total += System.nanoTime() - t;
        batches++;
      }
    }
    return total / 1e6 / batches;
  }

  private static List<MetricSample> samples(Instant minute, String node, long seed) {
    Random random = new Random(seed);
    List<MetricSample> out = new ArrayList<>(2 * LABEL_SETS);
    for (int s = 0; s < LABEL_SETS; s++) {
      Map<String, String> labels = Map.of("route", "/r" + s, "method", "GET", "status", "200");
      LatencySketch sketch = new LatencySketch();
      double sum = 0;
      int count = VALUES > 0 ? VALUES : 5 + random.nextInt(20);
      for (int v = 0; v < count; v++) {
        // multiples of 1/1024 s: every partial sum is exact in binary, so the sum is the same in any order
        double value = (1 + random.nextInt(2000)) / 1024.0;
        sketch.record(value);
        sum += value;
      }
      out.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_DURATION, node, labels,
          MetricKind.HISTOGRAM, count, sum, sketch.min(), sketch.max(), Double.NaN, sketch));
      out.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_REQUESTS, node, labels,
          MetricKind.COUNTER, count, count, Double.NaN, Double.NaN, Double.NaN, null));
    }
    return out;
  }

  private static TelemetryQueries queries(TelemetryStore store) {
    return TelemetryQueries.builder(store, CONTRACT, CLOCK, Duration.ofDays(30)).build();
  }

  private static final TrendQuery T24 = TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_24_HOURS));
  private static final TrendQuery T1 = TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_HOUR));
  private static final TrendQuery T1_NODE = T1.onNode("node-0");

  private static double[] time(TelemetryStore store) {
    TelemetryQueries q = queries(store);
    SummaryService summary = SummaryService.builder(store, CONTRACT, CLOCK, HOUR).node("node-0").build();
    return new double[] {
        millis(() -> q.trend(T24)), millis(() -> q.trend(T1)), millis(() -> q.trend(T1_NODE)),
        millis(summary::refresh)};
  }

  /** The merged data set must give exactly the per-node answer, or the timings compare nothing. */
  private static void checkEqual(TelemetryStore perNode, TelemetryStore merged) {
    for (TrendQuery t : List.of(T24, T1, T1_NODE, T1.groupBy("route"))) {
      Trend a = queries(perNode).trend(t);
      Trend b = queries(merged).trend(t);
      if (!a.equals(b)) {
        throw new IllegalStateException("answers differ for " + t + ": " + firstDifference(a, b));
      }
    }
    Object a = SummaryService.builder(perNode, CONTRACT, CLOCK, HOUR).build().refresh().vitalSigns();
    Object b = SummaryService.builder(merged, CONTRACT, CLOCK, HOUR).build().refresh().vitalSigns();
    if (!a.equals(b)) {
      throw new IllegalStateException("summaries differ:\n" + a + "\n" + b);
    }
  }

  private static String firstDifference(Trend a, Trend b) {
    for (int s = 0; s < Math.min(a.series().size(), b.series().size()); s++) {
      for (int p = 0; p < a.series().get(s).points().size(); p++) {
        Object x = a.series().get(s).points().get(p);
        Object y = b.series().get(s).points().get(p);
        if (!x.equals(y)) {
          return x + " vs " + y;
        }
      }
    }
    return a.series().size() + " vs " + b.series().size() + " series";
  }

  private static double millis(Supplier<?> query) {
    long t = System.nanoTime();
    query.get();
    return (System.nanoTime() - t) / 1e6;
  }

  private static void check(StoreResult result) {
    if (!result.success()) {
      throw new IllegalStateException(result.message(), result.cause());
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
