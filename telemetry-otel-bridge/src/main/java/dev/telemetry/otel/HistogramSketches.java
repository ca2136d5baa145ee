package dev.telemetry.otel;

import dev.telemetry.sketch.LatencySketch;

/**
 * OpenTelemetry histogram buckets into native sketches, in the contract metric's unit.
 *
 * <p>With a unit factor of 1 (the source is already in the contract unit) this is {@link
 * LatencySketch#fromExponentialHistogram} (lossless at scale ≥ 6) or {@link
 * LatencySketch#fromExplicitBuckets}. Otherwise explicit bounds are multiplied by the factor
 * (exact), and exponential buckets, whose boundaries do not survive multiplication by a factor
 * that is not a power of two, become explicit buckets {@code (lo·f, hi·f]}: each count lands on
 * its bucket's representative, adding at most the source bucket's relative half-width (0.5415 % at
 * scale 6, less when finer) to the sketch's own bound.
 */
final class HistogramSketches {
  private HistogramSketches() {}

  static LatencySketch explicit(double[] bounds, long[] counts, double sum, double min, double max, double factor) {
    if (factor == 1) {
      return LatencySketch.fromExplicitBuckets(bounds, counts, sum, min, max);
    }
    double[] scaled = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      scaled[i] = bounds[i] * factor;
    }
    return LatencySketch.fromExplicitBuckets(scaled, counts, sum * factor, min * factor, max * factor);
  }

  static LatencySketch exponential(int scale, int offset, long[] counts, long zeroCount, double sum, double min,
      double max, double factor) {
    if (factor == 1) {
      return LatencySketch.fromExponentialHistogram(scale, offset, counts, zeroCount, sum, min, max);
    }
    double base = Math.pow(2, Math.scalb(1.0, -scale));
    double[] bounds = new double[counts.length + 1];
    long[] explicitCounts = new long[counts.length + 2];
    bounds[0] = Math.pow(base, offset) * factor;
    for (int j = 0; j < counts.length; j++) {
      bounds[j + 1] = Math.pow(base, (long) offset + j + 1) * factor;
      explicitCounts[j + 1] = counts[j];
    }
    LatencySketch sketch = LatencySketch.fromExplicitBuckets(bounds, explicitCounts, sum * factor, min * factor,
        max * factor);
    if (zeroCount > 0) {
      LatencySketch zeros = new LatencySketch();
      zeros.record(0, zeroCount);
      sketch.merge(zeros);
    }
    return sketch;
  }
}
