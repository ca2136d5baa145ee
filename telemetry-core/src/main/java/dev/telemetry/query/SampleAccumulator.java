package dev.telemetry.query;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import java.time.Instant;
import java.util.Map;

/**
 * Merges metric samples of one series or group: counts and sums add, min/max widen, sketches
 * merge bucket by bucket into one fresh sketch (never the samples' own, which are immutable by
 * contract). Percentiles are read from the merged sketch, never averaged.
 */
final class SampleAccumulator {
  private long count;
  private double sum;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double last = Double.NaN;
  private long lastBucket = Long.MIN_VALUE;
  private LatencySketch sketch;

  void add(MetricSample s) {
    count += s.count();
    sum += s.sum();
    min = Double.isNaN(min) ? s.min() : Double.isNaN(s.min()) ? min : Math.min(min, s.min());
    max = Double.isNaN(max) ? s.max() : Double.isNaN(s.max()) ? max : Math.max(max, s.max());
    long bucket = s.bucketStart().toEpochMilli();
    if (!Double.isNaN(s.last()) && bucket >= lastBucket) {
      last = s.last();
      lastBucket = bucket;
    }
    if (s.sketch() != null && !s.sketch().isEmpty()) {
      if (sketch == null) {
        sketch = new LatencySketch();
      }
      sketch.merge(s.sketch());
    }
  }

  long count() {
    return count;
  }

  double sum() {
    return sum;
  }

  /** The quantile from the merged sketch, or {@code null} when nothing with a distribution was added. */
  Double quantile(double q) {
    return sketch == null ? null : sketch.quantile(q);
  }

  /** A chart point for a bucket of {@code stepSeconds}; rate is per second over the step. */
  TrendPoint point(Instant ts, MetricKind kind, double stepSeconds) {
    boolean counter = kind == MetricKind.COUNTER;
    double rate = (counter ? sum : count) / stepSeconds;
    return new TrendPoint(ts, count, rate, quantile(0.50), quantile(0.95), quantile(0.99),
        counter ? null : boxed(min), counter ? null : boxed(max), sum,
        counter || count == 0 ? null : sum / count);
  }

  /** The merged sample of one series over a rollup bucket; the sketch is a fresh copy. */
  MetricSample toSample(Instant bucketStart, Resolution resolution, String metric, String node,
      Map<String, String> labels, MetricKind kind) {
    return new MetricSample(bucketStart, resolution, metric, node, labels, kind, count, sum, min, max, last,
        sketch);
  }

  private static Double boxed(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
