package dev.telemetry.internal.sample;

import dev.telemetry.sketch.LatencySketch;

/**
 * Merges metric samples of one series or group: counts and sums add, min/max widen, sketches
 * merge bucket by bucket into one fresh sketch (never the samples' own, which are immutable by
 * contract). Percentiles are read from the merged sketch, never averaged. The one merge rule: rollups,
 * trends, rankings and {@code MetricSample.mergedWith} all use it. Not thread-safe.
 *
 * <p>Not API: shared by the {@code store}, {@code query} and {@code rollup} packages and not exported
 * by {@code module-info}. It takes a sample's fields rather than a {@code MetricSample} so that
 * {@code store} can use it without a package cycle.
 */
public final class SampleAccumulator {
  private long count;
  private double sum;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double last = Double.NaN;
  private long lastBucket = Long.MIN_VALUE;
  private LatencySketch sketch;

  /**
   * Adds one sample, given as its fields (those of {@code MetricSample}).
   *
   * @param bucketMillis the sample's bucket start, epoch millis: the latest bucket's {@code last} wins
   * @param sketch its distribution, or {@code null}; never mutated
   */
  public void add(long count, double sum, double min, double max, double last, long bucketMillis,
      LatencySketch sketch) {
    this.count += count;
    this.sum += sum;
    this.min = Double.isNaN(this.min) ? min : Double.isNaN(min) ? this.min : Math.min(this.min, min);
    this.max = Double.isNaN(this.max) ? max : Double.isNaN(max) ? this.max : Math.max(this.max, max);
    if (!Double.isNaN(last) && bucketMillis >= lastBucket) {
      this.last = last;
      lastBucket = bucketMillis;
    }
    if (sketch != null && !sketch.isEmpty()) {
      if (this.sketch == null) {
        this.sketch = new LatencySketch();
      }
      this.sketch.merge(sketch);
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

  /** The latest bucket's last value, NaN when none had one. */
  public double last() {
    return last;
  }

  /**
   * The merged sketch, or {@code null} when nothing with a distribution was added: a fresh sketch
   * this accumulator owns, never one of the inputs'. Handed to one merged sample, after which the
   * accumulator is not added to again.
   */
  public LatencySketch sketch() {
    return sketch;
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
