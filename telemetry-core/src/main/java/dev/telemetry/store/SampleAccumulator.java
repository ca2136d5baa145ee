package dev.telemetry.store;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import java.time.Instant;
import java.util.Map;

/**
 * Merges metric samples of one series or group: counts and sums add, min/max widen, sketches
 * merge bucket by bucket into one fresh sketch (never the samples' own, which are immutable by
 * contract). Percentiles are read from the merged sketch, never averaged. The one merge rule: rollups,
 * trends, rankings and {@link MetricSample#mergedWith} all use it. Not thread-safe.
 */
public final class SampleAccumulator {
  private long count;
  private double sum;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double last = Double.NaN;
  private long lastBucket = Long.MIN_VALUE;
  private LatencySketch sketch;

  public void add(MetricSample s) {
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

  /** Adds everything {@code other} holds, as if its samples had been added here; {@code other} is unchanged. */
  public void add(SampleAccumulator other) {
    count += other.count;
    sum += other.sum;
    min = Double.isNaN(min) ? other.min : Double.isNaN(other.min) ? min : Math.min(min, other.min);
    max = Double.isNaN(max) ? other.max : Double.isNaN(other.max) ? max : Math.max(max, other.max);
    if (!Double.isNaN(other.last) && other.lastBucket >= lastBucket) {
      last = other.last;
      lastBucket = other.lastBucket;
    }
    if (other.sketch != null && !other.sketch.isEmpty()) {
      if (sketch == null) {
        sketch = new LatencySketch();
      }
      sketch.merge(other.sketch);
    }
  }

  /** Heap bytes held, approximately (for caches bounded in bytes). */
  public long heapBytes() {
    return 72 + (sketch == null ? 0 : sketch.heapBytes());
  }

  public long count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  /** The quantile from the merged sketch, or {@code null} when nothing with a distribution was added. */
  public Double quantile(double q) {
    return sketch == null ? null : sketch.quantile(q);
  }

  /** The merged sample of one series over a rollup bucket; the sketch is a fresh copy. */
  public MetricSample toSample(Instant bucketStart, Resolution resolution, String metric, String node,
      Map<String, String> labels, MetricKind kind) {
    return new MetricSample(bucketStart, resolution, metric, node, labels, kind, count, sum, min, max, last,
        sketch);
  }

  /** Smallest value added, NaN when none. */
  public double min() {
    return min;
  }

  /** Largest value added, NaN when none. */
  public double max() {
    return max;
  }
}
