package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.sketch.LatencySketch;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Known inputs through the histogram conversions: exponential histograms keep the stated bound
 * for their scale; explicit-bucket histograms are only as precise as their buckets, and the test
 * checks that (coarser) bound, not a flattering one.
 */
class HistogramConversionAccuracyTest {
  private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};
  /** OpenTelemetry's default explicit boundaries (milliseconds). */
  private static final double[] OTEL_DEFAULT_BOUNDS =
      {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

  private static double[] latencies(int n) {
    Random random = new Random(42);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 50 * Math.exp(0.6 * random.nextGaussian());
    }
    Arrays.sort(values);
    return values;
  }

  private static double exact(double[] sorted, double q) {
    return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
  }

  /** The relative error bound documented on {@link LatencySketch#fromExponentialHistogram}. */
  private static double statedBound(int scale) {
    if (scale >= 6) {
      return 0.0054;
    }
    double g = Math.pow(2, Math.pow(2, -scale));
    double a = (g - 1) / (g + 1);
    return (1 + a) * 1.0054 - 1;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 8, 12, 20})
  void exponentialHistogramQuantilesStayWithinTheStatedBoundForTheirScale(int scale) {
    double[] values = latencies(20_000);
    int[] indexes = Arrays.stream(values).mapToInt(v -> otelIndex(v, scale)).toArray();
    int offset = Arrays.stream(indexes).min().orElseThrow();
    long[] counts = new long[Arrays.stream(indexes).max().orElseThrow() - offset + 1];
    for (int i : indexes) {
      counts[i - offset]++;
    }
    LatencySketch sketch = HistogramSketches.exponential(scale, offset, counts, 0, Arrays.stream(values).sum(),
        values[0], values[values.length - 1], 1);

    for (double q : QUANTILES) {
      double truth = exact(values, q);
      assertThat(Math.abs(sketch.quantile(q) - truth) / truth).as("q=%s at scale %s", q, scale)
          .isLessThanOrEqualTo(statedBound(scale) + 1e-9);
    }
  }

  @Test
  void exponentialHistogramsInAnotherTimeUnitAddAtMostTheSourceBucketHalfWidth() {
    int scale = 8;
    double[] values = latencies(20_000);
    int[] indexes = Arrays.stream(values).mapToInt(v -> otelIndex(v, scale)).toArray();
    int offset = Arrays.stream(indexes).min().orElseThrow();
    long[] counts = new long[Arrays.stream(indexes).max().orElseThrow() - offset + 1];
    for (int i : indexes) {
      counts[i - offset]++;
    }
    // buckets, sum, min and max in milliseconds, as the source reports them; the factor converts all of them
    LatencySketch seconds = HistogramSketches.exponential(scale, offset, counts, 0, Arrays.stream(values).sum(),
        values[0], values[values.length - 1], 1e-3);

    double halfWidth = (Math.pow(2, Math.pow(2, -scale)) - 1) / 2;
    for (double q : QUANTILES) {
      double truth = exact(values, q) / 1e3;
      assertThat(Math.abs(seconds.quantile(q) - truth) / truth).as("q=%s", q)
          .isLessThanOrEqualTo(0.0054 + halfWidth + 1e-9);
    }
  }

  @Test
  void explicitBucketQuantilesAreOnlyAsPreciseAsTheirBucket() {
    double[] values = latencies(20_000);
    long[] counts = new long[OTEL_DEFAULT_BOUNDS.length + 1];
    for (double v : values) {
      counts[bucketOf(v)]++;
    }
    LatencySketch sketch = HistogramSketches.explicit(OTEL_DEFAULT_BOUNDS, counts, Arrays.stream(values).sum(),
        values[0], values[values.length - 1], 1);

    double worst = 0;
    for (double q : QUANTILES) {
      double truth = exact(values, q);
      int b = bucketOf(truth);
      double lo = Math.max(b == 0 ? values[0] : OTEL_DEFAULT_BOUNDS[b - 1], values[0]);
      double hi = Math.min(b < OTEL_DEFAULT_BOUNDS.length ? OTEL_DEFAULT_BOUNDS[b] : values[values.length - 1],
          values[values.length - 1]);
      double bucketBound = (hi - lo) / (hi + lo) + 0.0054;
      double error = Math.abs(sketch.quantile(q) - truth) / truth;
      assertThat(error).as("q=%s in (%s, %s]", q, lo, hi).isLessThanOrEqualTo(bucketBound + 1e-9);
      worst = Math.max(worst, error);
    }
    assertThat(worst).as("honestly coarse: the default boundaries are far from 1%").isGreaterThan(0.05);
  }

  /** OpenTelemetry's bucket for a positive value: {@code (base^i, base^(i+1)]}. */
  private static int otelIndex(double value, int scale) {
    return (int) Math.ceil(Math.log(value) / Math.log(2) * Math.pow(2, scale)) - 1;
  }

  private static int bucketOf(double v) {
    for (int i = 0; i < OTEL_DEFAULT_BOUNDS.length; i++) {
      if (v <= OTEL_DEFAULT_BOUNDS[i]) {
        return i;
      }
    }
    return OTEL_DEFAULT_BOUNDS.length;
  }
}
