package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.benchmarks.query.RollupState;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MEASUREMENT, not a JMH benchmark: query cost against the length of the history (ADR 0018).
 *
 * <p>One node and its node-merged rows, 20 label sets of the latency histogram: minutes for the
 * last 48 h (the raw retention) or the whole history if shorter, plus hour rows for every earlier
 * hour of the history and day rows for every whole day, with the rollup watermarks at the current
 * hour and day and no dirty marks behind them, as the rollup job leaves them. History 1 day against 30 days, the same charts (24 h, 7 d, 30 d), queried alternately,
 * each with and without the cache of closed steps (ADR 0049); median (minimum) of 11 rounds after 5
 * warm-up rounds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.jdbc.HistoryScaleMeasurement \
 *     'jdbc:postgresql://127.0.0.1:5432/tel_scale?user=postgres'
 * </pre>
 */
public final class HistoryScaleMeasurement {
  private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
  private static final Instant HOUR = Resolution.HOUR.bucketStart(NOW);
  private static final Instant DAY = Resolution.DAY.bucketStart(NOW);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();
  private static final List<TimeRange> CHARTS = List.of(TimeRange.LAST_24_HOURS, TimeRange.LAST_7_DAYS,
      TimeRange.LAST_30_DAYS);

  private HistoryScaleMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("telemetry-history");
    System.out.println("median (minimum) of 11 rounds, ms");
    System.out.println("store | closed steps | history days | trend 24h | trend 7d | trend 30d");
    measure("in-memory", name -> InMemoryStore.builder().build());
    measure("SQLite", name -> JdbcStore.sqlite(dir.resolve(name + ".db")));
    if (args.length > 0) {
      List<String> prefixes = new ArrayList<>();
      try {
        measure("PostgreSQL", name -> {
          String prefix = "h" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE).substring(0, 8) + "_";
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
    TelemetryStore open(String name) throws Exception;
  }

  private static void measure(String storeName, Opener opener) throws Exception {
    try (TelemetryStore day = opener.open("day"); TelemetryStore month = opener.open("month")) {
      fill(day, 1);
      fill(month, 30);
      TelemetryStore[] stores = {day, month};
      // Each mode keeps one queries instance per store across rounds, as Telemetry.queries() does:
      // "uncached" re-reads every step; "cached" serves the closed steps merged in an earlier round
      // (ADR 0049) and reads only the open edge (the current hour's minutes here).
      TelemetryQueries[][] queries = new TelemetryQueries[2][2];
      for (int which = 0; which < 2; which++) {
        queries[0][which] = TelemetryQueries.builder(stores[which], CONTRACT, CLOCK, Duration.ofDays(30))
            .closedStepCacheBytes(0).build();
        queries[1][which] = TelemetryQueries.builder(stores[which], CONTRACT, CLOCK, Duration.ofDays(30)).build();
      }
      List<double[]>[][] rounds = new List[2][2];
      for (int mode = 0; mode < 2; mode++) {
        for (int which = 0; which < 2; which++) {
          rounds[mode][which] = new ArrayList<>();
        }
      }
      for (int r = 0; r < 16; r++) {
        for (int mode = 0; mode < 2; mode++) {
          for (int which = 0; which < 2; which++) {
            TelemetryQueries q = queries[mode][which];
            double[] t = new double[CHARTS.size()];
            for (int c = 0; c < CHARTS.size(); c++) {
              long start = System.nanoTime();
              q.trend(TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(CHARTS.get(c))));
              t[c] = (System.nanoTime() - start) / 1e6;
            }
            if (r >= 5) {
              rounds[mode][which].add(t);
            }
          }
        }
      }
      for (int mode = 0; mode < 2; mode++) {
        for (int which = 0; which < 2; which++) {
          StringBuilder line = new StringBuilder(storeName + " | " + (mode == 0 ? "uncached" : "cached") + " | "
              + (which == 0 ? 1 : 30));
          for (int c = 0; c < CHARTS.size(); c++) {
            int chart = c;
            double[] values = rounds[mode][which].stream().mapToDouble(t -> t[chart]).sorted().toArray();
            line.append(String.format(" | %.1f (%.1f)", values[values.length / 2], values[0]));
          }
          System.out.println(line);
        }
      }
    }
  }

  /** {@code days} of history ending now, for node-0 and the node-merged rows, as the rollup job leaves it. */
  private static void fill(TelemetryStore store, int days) {
    Instant start = HOUR.minus(Duration.ofDays(days));
    for (String node : List.of("node-0", SampleQuery.CLUSTER)) {
      List<MetricSample> rows = new ArrayList<>();
      // Minutes as far back as the raw retention (48 h) keeps them, or the history if shorter: the
      // 24 h chart reads minutes (5-minute steps).
      Instant firstMinute = days >= 2 ? HOUR.minus(Duration.ofHours(48)) : start;
      for (Instant m = firstMinute; m.isBefore(NOW); m = m.plusSeconds(60)) {
        rows.addAll(samples(m, Resolution.MINUTE, node));
        if (rows.size() > 5_000) {
          check(store.replaceSamples(rows));
          rows.clear();
        }
      }
      for (Instant h = start; h.isBefore(HOUR); h = h.plus(Duration.ofHours(1))) {
        rows.addAll(samples(h, Resolution.HOUR, node));
        if (rows.size() > 5_000) {
          check(store.replaceSamples(rows));
          rows.clear();
        }
      }
      for (Instant d = Resolution.DAY.bucketStart(start).plus(Duration.ofDays(1)); d.isBefore(DAY);
          d = d.plus(Duration.ofDays(1))) {
        rows.addAll(samples(d, Resolution.DAY, node));
      }
      check(store.replaceSamples(rows));
    }
    check(store.writeWatermark(Watermarks.HOUR, HOUR));
    check(store.writeWatermark(Watermarks.DAY, DAY));
    check(store.writeWatermark(Watermarks.CLUSTER_SINCE, start));
    RollupState.claimMarks(store, HOUR, DAY);
  }

  private static List<MetricSample> samples(Instant bucket, Resolution resolution, String node) {
    Random random = new Random(bucket.toEpochMilli() ^ node.hashCode());
    List<MetricSample> out = new ArrayList<>(20);
    for (int s = 0; s < 20; s++) {
      LatencySketch sketch = new LatencySketch();
      double sum = 0;
      for (int v = 0; v < 200; v++) {
        double value = (1 + random.nextInt(2000)) / 1024.0;
        sketch.record(value);
        sum += value;
      }
      out.add(new MetricSample(bucket, resolution, StandardMetrics.HTTP_SERVER_DURATION, node,
          Map.of("route", "/r" + s, "method", "GET", "status", "200"), MetricKind.HISTOGRAM, 200, sum, sketch.min(),
          sketch.max(), Double.NaN, sketch));
    }
    return out;
  }

  private static void check(StoreResult result) {
    if (!result.success()) {
      throw new IllegalStateException(result.message(), result.cause());
    }
  }
}
