package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.WriteBatch;
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
 * MEASUREMENT, not a JMH benchmark: what a day of long-horizon rollups costs on SQLite (ADR 0051).
 * Writes {@code days} days of business events (one type, {@code eventsPerDay} a day, dimensions
 * asset × network, log-normal values), lets the rollup job write their daily event rollups, and
 * writes {@code series} histogram day samples a day (the metric day rollups, each with a sketch of
 * 1,000 latencies); then reads rows and bytes (with indexes, SQLite {@code dbstat}) of both tables
 * from {@code stats()} and prints rows and bytes per day and per series and the cost of a year.
 *
 * <pre>
 * java -cp … dev.telemetry.benchmarks.jdbc.DayRollupStorageMeasurement [days] [eventsPerDay] [series]
 * </pre>
 */
public final class DayRollupStorageMeasurement {
  private static final Instant FIRST_DAY = Instant.parse("2026-08-01T00:00:00Z");
  private static final String[] ASSETS = {"eth", "usdc", "usdt", "dai", "wbtc", "link", "uni", "aave", "mkr", "crv",
      "ldo", "arb", "op", "pepe", "shib"};

  private DayRollupStorageMeasurement() {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int eventsPerDay = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int series = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path file = Files.createTempDirectory("telemetry-day-rollups").resolve("days.db");
    Instant end = FIRST_DAY.plus(Duration.ofDays(days));
    Clock clock = Clock.fixed(end.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    Random random = new Random(11);
    try (JdbcStore store = JdbcStore.builder().sqliteFile(file).clock(clock).build()) {
      for (int d = 0; d < days; d++) {
        Instant day = FIRST_DAY.plus(Duration.ofDays(d));
        List<BusinessEvent> events = new ArrayList<>(eventsPerDay);
        for (int i = 0; i < eventsPerDay; i++) {
          String asset = ASSETS[Math.min(ASSETS.length - 1, (int) (Math.pow(random.nextDouble(), 2.2) * ASSETS.length))];
          events.add(new BusinessEvent(day.plusMillis(random.nextInt(86_400_000)), "swap_executed",
              "w" + random.nextInt(5_000), Map.of("asset", asset, "network", random.nextInt(5) == 0 ? "testnet" : "mainnet"),
              random.nextInt(20) == 0 ? Outcome.FAILURE : Outcome.SUCCESS,
              Math.round(Math.exp(random.nextGaussian() * 2 + 4) * 100) / 100.0, "svc", "node-a"));
        }
        check(store.write(new WriteBatch("events-" + d, "node-a", List.of(), List.of(), List.of(), events, List.of()))
            .success(), "write events");
        List<MetricSample> samples = new ArrayList<>(series);
        for (int s = 0; s < series; s++) {
          LatencySketch sketch = new LatencySketch();
          double sum = 0;
          for (int i = 0; i < 1_000; i++) {
            double v = Math.exp(random.nextGaussian() * 0.8 - 2.5);
            sketch.record(v);
            sum += v;
          }
          samples.add(new MetricSample(day, Resolution.DAY, "http_server_duration_seconds", "node-a",
              Map.of("route", "/api/r" + s, "method", "GET", "status", "200"), MetricKind.HISTOGRAM, 1_000, sum,
              sketch.min(), sketch.max(), Double.NaN, sketch));
        }
        check(store.replaceSamples(samples).success(), "write day samples");
      }
      check(store.writeWatermark(Watermarks.EVENT_DAY, FIRST_DAY).success(), "watermark");
      long t = System.nanoTime();
      RollupReport report = RollupJob.builder(store, MetricContract.empty(), clock).maxBucketsPerRun(10_000).build()
          .runOnce();
      long rollupMs = (System.nanoTime() - t) / 1_000_000;
      check(report.eventDayFailure().isEmpty(), report.eventDayFailure());
      StoreStats stats = store.stats();
      StoreStats.TableStats eventDays = table(stats, "telemetry_event_days");
      StoreStats.TableStats dayRows = table(stats, "telemetry_samples_day");
      StoreStats.TableStats rawEvents = table(stats, "telemetry_events");
      System.out.printf("SQLite %s, %d days, %,d events a day, %d metric series%n", file, days, eventsPerDay, series);
      System.out.printf("rollup job: %d event days rolled in %,d ms (%,d ms per day)%n", report.eventDaysRolled(),
          rollupMs, rollupMs / Math.max(1, report.eventDaysRolled()));
      print("event_days", eventDays, days);
      print("samples_day", dayRows, days);
      System.out.printf("raw events for comparison: %,d rows, %,d B (%,.0f B per event)%n", rawEvents.rows(),
          rawEvents.bytes(), (double) rawEvents.bytes() / rawEvents.rows());
    }
  }

  private static void print(String name, StoreStats.TableStats t, int days) {
    double rowsPerDay = (double) t.rows() / days;
    double bytesPerRow = (double) t.bytes() / t.rows();
    System.out.printf("%s: %,d rows, %,d B with indexes: %.1f rows per day, %.0f B per row (per series and day), "
        + "%.0f B per day; a year: %,.0f rows, %,.1f MiB%n", name, t.rows(), t.bytes(), rowsPerDay, bytesPerRow,
        rowsPerDay * bytesPerRow, rowsPerDay * 365, rowsPerDay * 365 * bytesPerRow / (1024 * 1024));
  }

  private static StoreStats.TableStats table(StoreStats stats, String name) {
    return stats.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what + " failed");
    }
  }
}
