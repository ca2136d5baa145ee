package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RollupReport;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * MEASUREMENT, not a JMH benchmark: what late-data repair (ADR 0012) costs on the SQL stores.
 * <ul>
 *   <li>a write of a 1,000-series minute batch, and one {@code markDirty} call (an upper bound of
 *       what the mark adds to a write: a transaction of its own, commit included);</li>
 *   <li>rolling one hour of 1,000 series × 60 minutes, then repairing it after one late write;</li>
 *   <li>4 writer threads (as 4 nodes) writing 10-series batches into one hour (one shared mark
 *       row) and into 4 different hours (no shared row).</li>
 * </ul>
 *
 * <pre>
 * java -cp … dev.telemetry.benchmarks.jdbc.RollupRepairMeasurement 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 * </pre>
 * Tables use a random prefix and are dropped at the end (PostgreSQL); SQLite uses a temp file.
 */
public final class RollupRepairMeasurement {
  private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();

  private RollupRepairMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("telemetry-repair");
    measure("SQLite", () -> JdbcStore.sqlite(dir.resolve("t.db")), null);
    if (args.length > 0) {
      String prefix = "m" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE).substring(0, 8) + "_";
      try {
        measure("PostgreSQL", () -> JdbcStore.builder().jdbcUrl(args[0]).tablePrefix(prefix).build(), args[0]);
      } finally {
        PrefixedTables.drop(args[0], prefix);
      }
    }
  }

  interface Opener {
    JdbcStore open();
  }

  private static void measure(String name, Opener opener, String url) throws Exception {
    Clock clock = Clock.fixed(DAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    try (JdbcStore store = opener.open()) {
      Instant hour = DAY.plus(Duration.ofHours(10));
      // warm-up: schema, pool, JIT
      for (int i = 0; i < 5; i++) {
        write(store, "warm", batch(hour.minus(Duration.ofHours(5)), "warm", 1_000, i));
      }
      long[] writes = new long[30];
      for (int m = 0; m < 60; m++) {
        long t = System.nanoTime();
        write(store, "node-a", batch(hour.plus(Duration.ofMinutes(m)), "node-a", 1_000, m));
        if (m < writes.length) {
          writes[m] = System.nanoTime() - t;
        }
      }
      long[] marks = new long[200];
      for (int i = 0; i < marks.length; i++) {
        long t = System.nanoTime();
        check(store.markDirty(Resolution.HOUR, DAY.plus(Duration.ofHours(20))));
        marks[i] = System.nanoTime() - t;
      }
      System.out.printf("%s: write 1,000 series-minutes median %.1f ms (p90 %.1f); markDirty alone median %.2f ms%n",
          name, median(writes), p90(writes), median(marks));

      RollupJob job = RollupJob.builder(store, CONTRACT, clock).initialLookback(Duration.ofHours(16), Duration.ofDays(2))
          .build();
      long t = System.nanoTime();
      RollupReport first = job.runOnce();
      double rollMs = (System.nanoTime() - t) / 1e6;
      write(store, "node-b", batch(hour.plus(Duration.ofMinutes(5)), "node-b", 1, 0));
      t = System.nanoTime();
      RollupReport repair = job.runOnce();
      double repairMs = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      RollupReport idle = job.runOnce();
      double idleMs = (System.nanoTime() - t) / 1e6;
      System.out.printf("%s: first run %d hours + %d days, %d samples, %.0f ms; repair run %d hour + %d day, %.0f ms;"
              + " idle run %.1f ms%n", name, first.hoursRolled(), first.daysRolled(), first.samplesWritten(), rollMs,
          repair.hoursRepaired(), repair.daysRepaired(), repairMs, idleMs);
    }
    if (url != null) {
      for (boolean shared : new boolean[] {true, false}) {
        try (JdbcStore store = opener.open()) {
          System.out.printf("%s: 4 writers x 100 batches of 10 series, %s: %.0f batches/s%n", name,
              shared ? "one hour (shared mark row)" : "4 hours (own mark rows)", concurrentWrites(store, shared));
        }
      }
    }
  }

  private static double concurrentWrites(TelemetryStore store, boolean sharedHour) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      Instant hour = DAY.plus(Duration.ofHours(sharedHour ? 12 : 13 + writer));
      done.add(threads.submit(() -> {
        start.await();
        for (int i = 0; i < 100; i++) {
          write(store, "w" + writer, batch(hour.plus(Duration.ofMinutes(i % 60)), "w" + writer + "-" + sharedHour, 10,
              i));
        }
        return null;
      }));
    }
    long t = System.nanoTime();
    start.countDown();
    for (Future<?> f : done) {
      f.get(5, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    threads.shutdownNow();
    return 400 / seconds;
  }

  private static List<MetricSample> batch(Instant minute, String node, int series, long seed) {
    Random random = new Random(seed);
    List<MetricSample> out = new ArrayList<>(series);
    for (int s = 0; s < series; s++) {
      LatencySketch sketch = new LatencySketch();
      double sum = 0;
      for (int v = 0; v < 20; v++) {
        double value = 0.005 + random.nextDouble();
        sketch.record(value);
        sum += value;
      }
      out.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_DURATION, node,
          Map.of("route", "/r" + s, "method", "GET"), MetricKind.HISTOGRAM, 20, sum, sketch.min(), sketch.max(),
          Double.NaN, sketch));
    }
    return out;
  }

  private static void write(TelemetryStore store, String node, List<MetricSample> samples) {
    check(store.write(new WriteBatch(UUID.randomUUID().toString(), node, samples, List.of(), List.of(), List.of(),
        List.of())));
  }

  private static void check(StoreResult result) {
    if (!result.success()) {
      throw new IllegalStateException(result.message(), result.cause());
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static double p90(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) (sorted.length * 0.9)] / 1e6;
  }
}
