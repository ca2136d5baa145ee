package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.LATENCY;
import static dev.telemetry.query.QueryFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3 "Correct percentiles": p95 over 24 h across 3 nodes, served from hour rollups, equals
 * the exact p95 of the raw values within 1%; averaging per-minute p95s is materially worse.
 */
class PercentileAccuracyTest {
  private static final Map<String, String> ROUTE = Map.of("route", "/api/orders", "method", "GET", "status", "200");

  @Test
  void p95Over24HoursAcross3NodesFromRollupsIsWithinOnePercentOfExact() {
    QueryFixtures f = new QueryFixtures();
    Instant from = NOW.minus(Duration.ofHours(24));
    Random random = new Random(42);
    // node: requests per minute off-peak, median latency in seconds
    String[] nodes = {"node-a", "node-b", "node-c"};
    int[] perMinute = {40, 15, 3};
    double[] median = {0.040, 0.120, 0.600};
    List<Double> all = new ArrayList<>();
    double sumOfMinuteP95s = 0;
    int minuteP95s = 0;
    List<MetricSample> batch = new ArrayList<>();
    for (int m = 0; m < 24 * 60; m++) {
      Instant minute = from.plus(Duration.ofMinutes(m));
      int hour = m / 60;
      boolean peak = hour >= 8 && hour < 18;
      for (int n = 0; n < nodes.length; n++) {
        int count = perMinute[n] * (peak ? 3 : 1);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
          values[i] = median[n] * (peak ? 1.5 : 1) * Math.exp(0.5 * random.nextGaussian());
          all.add(values[i]);
        }
        sumOfMinuteP95s += exactQuantile(values.clone(), 0.95);
        minuteP95s++;
        batch.add(QueryFixtures.minuteLatency(minute, nodes[n], ROUTE, values));
      }
      if (batch.size() >= 3000) {
        f.write(batch);
        batch = new ArrayList<>();
      }
    }
    f.write(batch);

    f.clock.set(NOW.plus(Duration.ofMinutes(5)));
    RollupReport rollup = RollupJob.builder(f.store, f.contract, f.clock).initialLookback(Duration.ofHours(24),
        Duration.ofDays(2)).build().runOnce();
    assertThat(rollup.hoursRolled()).isEqualTo(24);
    // Only the hour rollups remain: the answer below cannot have come from minute samples.
    f.store.deleteOlderThan(DataKind.MINUTE_SAMPLES, NOW.plus(Duration.ofDays(1)), Integer.MAX_VALUE);
    assertThat(f.store.readSamples(SampleQuery.of(LATENCY, Resolution.MINUTE, from, NOW))).isEmpty();

    Trend totals = f.queries().totals(TrendQuery.of(LATENCY, QueryRange.between(from, NOW)));
    TrendPoint point = totals.series().get(0).points().get(0);
    double[] raw = all.stream().mapToDouble(Double::doubleValue).toArray();
    double exact = exactQuantile(raw, 0.95);
    double merged = point.p95();
    double averaged = sumOfMinuteP95s / minuteP95s;
    double mergedError = Math.abs(merged - exact) / exact;
    double averagedError = Math.abs(averaged - exact) / exact;
    System.out.printf("p95 over 24h, 3 nodes, %d values: exact %.6f s, merged sketches %.6f s (error %.3f%%),"
        + " average of %d per-minute p95s %.6f s (error %.1f%%)%n", raw.length, exact, merged, 100 * mergedError,
        minuteP95s, averaged, 100 * averagedError);

    assertThat(point.count()).isEqualTo(raw.length);
    assertThat(mergedError).isLessThanOrEqualTo(0.01);
    assertThat(averagedError).isGreaterThan(0.10).isGreaterThan(10 * mergedError);
  }

  /** Nearest-rank quantile, the convention of {@code LatencySketch.quantile}. */
  private static double exactQuantile(double[] values, double q) {
    Arrays.sort(values);
    int rank = (int) Math.max(1, Math.ceil(q * values.length));
    return values[rank - 1];
  }
}
