package dev.telemetry.sketch;

/**
 * A mergeable quantile sketch for non-negative values such as latencies, with a relative error
 * of at most {@link #RELATIVE_ERROR_BOUND} (0.5415 %) on every quantile.
 *
 * <p>Values fall into base-2 exponential buckets at {@link #SCALE} 6 (64 per octave) using
 * OpenTelemetry's index convention: bucket {@code i} holds {@code (2^(i/64), 2^((i+1)/64)]}.
 * OpenTelemetry and Prometheus native histograms at scale 6 or finer therefore convert without
 * loss, and sketches merge exactly, across time buckets and nodes, by adding counts.
 * Zero and values below {@value #MIN_TRACKABLE_VALUE} count in a separate zero bucket.
 *
 * <p>Counts live in a window of buckets allocated on first use that grows by octaves as the
 * recorded range widens, packed 8 bits each at first and widened (16, 32, 64) by the record that
 * would overflow one (ADR 0053), up to {@value #MAX_BUCKETS} buckets (128 octaves, e.g. 1 ns to
 * 10^29 s). Past that the lowest buckets are collapsed into the lowest kept one, so low quantiles
 * of such an extreme distribution lose accuracy while high quantiles, the ones latency alerts use,
 * keep it. Recording into the current window at the current width allocates nothing.
 *
 * <p>Not thread-safe: callers guard an instance or give each thread its own and merge.
 *
 * <pre>{@code
 * LatencySketch sketch = new LatencySketch();
 * sketch.record(0.042);                       // seconds
 * double p99 = sketch.quantile(0.99);
 * byte[] stored = sketch.toBytes();
 * LatencySketch.fromBytes(stored).merge(otherNode);
 * }</pre>
 */
public final class LatencySketch extends BucketCounts {

    /** Buckets per octave are {@code 2^SCALE}, as in OpenTelemetry exponential histograms. */
    public static final int SCALE = 6;
    /**
     * The worst relative error of a quantile estimate: {@code (γ-1)/(γ+1)} with {@code γ = 2^(1/64)},
     * 0.005415 (0.5415 %, measured at a bucket's lower edge). The design's contract is 1 %.
     */
    public static final double RELATIVE_ERROR_BOUND = ExponentialBuckets.RELATIVE_ERROR;

    /** Values below this (and zero) are counted in the zero bucket. */
    public static final double MIN_TRACKABLE_VALUE = 1e-9;

    /** The most buckets a sketch keeps before collapsing the lowest ones. */
    public static final int MAX_BUCKETS = 8192;

    private long zeroCount;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Creates an empty sketch; bucket storage is allocated on the first record. */
    public LatencySketch() {
    }

    /**
     * The index of the bucket holding a positive finite value: {@code ceil(64·log2(value)) - 1},
     * computed exactly from the value's bits. The result for zero, negative, infinite or NaN
     * input is unspecified.
     */
    public static int indexOf(double value) {
        return ExponentialBuckets.indexOf(value);
    }

    /** The exclusive lower boundary {@code 2^(index/64)} of a bucket, rounded to the nearest double. */
    public static double lowerBoundary(int index) {
        return ExponentialBuckets.lowerBoundary(index);
    }

    /** The inclusive upper boundary {@code 2^((index+1)/64)} of a bucket, rounded to the nearest double. */
    public static double upperBoundary(int index) {
        return ExponentialBuckets.lowerBoundary(index + 1);
    }

    /**
     * Records one value.
     *
     * @return false, recording nothing, when the value is NaN, infinite or negative
     */
    public boolean record(double value) {
        if (!(value >= MIN_TRACKABLE_VALUE)) {
            if (!(value >= 0)) {
                return false;
            }
            zeroCount++;
        } else if (value == Double.POSITIVE_INFINITY) {
            return false;
        } else {
            increment(ExponentialBuckets.indexOf(value));
        }
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
        return true;
    }

    /**
     * Records a value {@code times} times.
     *
     * @return false, recording nothing, when the value is NaN, infinite or negative or
     *     {@code times} is not positive
     */
    public boolean record(double value, long times) {
        if (times <= 0 || !(value >= 0) || value == Double.POSITIVE_INFINITY) {
            return false;
        }
        if (value < MIN_TRACKABLE_VALUE) {
            zeroCount += times;
        } else {
            add(ExponentialBuckets.indexOf(value), times);
        }
        count += times;
        sum += value * times;
        min = Math.min(min, value);
        max = Math.max(max, value);
        return true;
    }

    /**
     * Adds {@code times} to bucket {@code index} (at {@link #SCALE}) directly, for bridging from
     * other bucketed histograms. Min, max and sum are widened to the bucket's bounds and its
     * representative value, as the exact values are unknown.
     *
     * @throws IllegalArgumentException if {@code times} is negative or the bucket lies outside
     *     the range of doubles
     */
    public void recordBucket(int index, long times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0 but was " + times);
        }
        if (index < ExponentialBuckets.MIN_INDEX || index > ExponentialBuckets.MAX_INDEX) {
            throw new IllegalArgumentException("bucket index must be in [" + ExponentialBuckets.MIN_INDEX
                    + ", " + ExponentialBuckets.MAX_INDEX + "] but was " + index);
        }
        if (times == 0) {
            return;
        }
        if (upperBoundary(index) < MIN_TRACKABLE_VALUE) {
            zeroCount += times;
        } else {
            add(index, times);
        }
        count += times;
        sum += ExponentialBuckets.representative(index) * times;
        min = Math.min(min, lowerBoundary(index));
        max = Math.max(max, Math.min(upperBoundary(index), Double.MAX_VALUE));
    }

    /** Adds {@code times} values to the zero bucket, for bridging (min/max/sum assume zeros). */
    void recordZeros(long times) {
        if (times > 0) {
            zeroCount += times;
            count += times;
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
    }

    /** Replaces the summary statistics with exact ones known from the source; NaN keeps ours. */
    void overrideSummary(double exactSum, double exactMin, double exactMax) {
        if (count == 0) {
            return;
        }
        if (!Double.isNaN(exactSum)) {
            sum = exactSum;
        }
        if (!Double.isNaN(exactMin)) {
            min = exactMin;
        }
        if (!Double.isNaN(exactMax)) {
            max = exactMax;
        }
    }

    /**
     * Heap bytes this sketch holds: its object and its packed bucket counts, at the layout of a
     * 64-bit JVM with compressed references (for caches and queues bounded in bytes).
     */
    public long heapBytes() {
        // The object: header 12, five 8-byte fields, the window's array reference, 3 ints and a
        // long, 76 bytes aligned to 80; then the packed array.
        return 80 + countsArrayBytes();
    }

    /** Adds every count of {@code other} to this sketch; exact, as both share one bucket layout. */
    public void merge(LatencySketch other) {
        if (other.count == 0) {
            return;
        }
        addAll(other);
        zeroCount += other.zeroCount;
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /**
     * The estimated value at quantile {@code q}, using the nearest-rank convention: the value of
     * rank {@code max(1, ceil(q·count))} in ascending order. The estimate is within 0.5415 % of that
     * value (for values above {@value #MIN_TRACKABLE_VALUE}) and clamped to {@code [min, max]}.
     *
     * @return NaN when the sketch is empty
     * @throws IllegalArgumentException if {@code q} is not in {@code [0, 1]}
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1] but was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = zeroCount;
        if (rank <= seen || rank == 1) {
            return min;
        }
        if (rank == count) {
            return max;
        }
        int index = indexAtRank(seen, rank);
        return index == BucketCounts.NONE ? max : clamp(ExponentialBuckets.representative(index));
    }

    private double clamp(double estimate) {
        return Math.max(min, Math.min(max, estimate));
    }

    /** Number of values recorded. */
    public long count() {
        return count;
    }

    /** Sum of the values recorded (0 when empty). */
    public double sum() {
        return sum;
    }

    /** Smallest value recorded, or NaN when empty. */
    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    /** Largest value recorded, or NaN when empty. */
    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /** Mean of the values recorded, or NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Whether nothing has been recorded. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Empties the sketch, keeping its bucket storage so reuse allocates nothing. */
    public void clear() {
        clearCounts();
        zeroCount = 0;
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /** An independent copy. */
    public LatencySketch copy() {
        LatencySketch copy = new LatencySketch();
        copy.copyCountsFrom(this);
        copy.zeroCount = zeroCount;
        copy.count = count;
        copy.sum = sum;
        copy.min = min;
        copy.max = max;
        return copy;
    }

    /**
     * Converts an OpenTelemetry exponential histogram's positive buckets: the count of bucket
     * {@code j} belongs to index {@code offset + j} at {@code scale}.
     *
     * <p>At scale 6 or finer the conversion is lossless: each bucket lies inside one of ours
     * (its index shifted right by {@code scale - 6}), exactly as OpenTelemetry downscales.
     * Coarser buckets span several of ours; each count goes to the one holding the coarse
     * bucket's relative-error-optimal value, so quantiles are then only as good as the source:
     * relative error at most {@code (1+a)·(1.0054) - 1} with {@code a = (g-1)/(g+1)},
     * {@code g = 2^(2^-scale)}: 1.6% at scale 5, 2.7% at 4, 4.9% at 3, 9.2% at 2, 17.8% at 1,
     * 34% at 0.
     *
     * @param sum the exact sum, or NaN to estimate it from the buckets
     * @param min the exact minimum, or NaN to take the lowest bucket's lower bound
     * @param max the exact maximum, or NaN to take the highest bucket's upper bound
     * @throws IllegalArgumentException for a scale outside OpenTelemetry's {@code [-10, 20]},
     *     negative counts or buckets outside the range of doubles
     */
    public static LatencySketch fromExponentialHistogram(int scale, int offset, long[] bucketCounts,
            long zeroCount, double sum, double min, double max) {
        return HistogramConversions.fromExponential(scale, offset, bucketCounts, zeroCount, sum, min, max);
    }

    /**
     * Converts an explicit-bucket histogram (OpenTelemetry or Prometheus classic):
     * {@code counts[j]} counts values in {@code (upperBounds[j-1], upperBounds[j]]}, with one more
     * count than bounds for the overflow bucket above the last bound.
     *
     * <p>The values inside a bucket are unknown, so each count is placed at one representative
     * value (the bucket's relative-error-optimal point, clamped to {@code [min, max]}): quantiles
     * are then only as precise as the buckets are narrow, typically tens of percent for the
     * default OpenTelemetry boundaries.
     *
     * @throws IllegalArgumentException if the lengths do not match, bounds are not increasing or
     *     a count is negative
     */
    public static LatencySketch fromExplicitBuckets(double[] upperBounds, long[] counts, double sum,
            double min, double max) {
        return HistogramConversions.fromExplicit(upperBounds, counts, sum, min, max);
    }

    /** Serializes this sketch in a compact, versioned, checksummed format; see {@link #fromBytes}. */
    public byte[] toBytes() {
        return SketchCodec.encode(this);
    }

    /**
     * Reads a sketch written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are truncated, corrupt, of another format or of
     *     an unknown version
     */
    public static LatencySketch fromBytes(byte[] bytes) {
        return SketchCodec.decode(bytes);
    }

    @Override
    public String toString() {
        return "LatencySketch{count=" + count + ", min=" + min() + ", max=" + max()
                + ", p50=" + (count == 0 ? Double.NaN : quantile(0.5))
                + ", p99=" + (count == 0 ? Double.NaN : quantile(0.99)) + '}';
    }

    // --- package-private views for the codec -------------------------------------------------

    long zeroCount() {
        return zeroCount;
    }

    double rawMin() {
        return min;
    }

    double rawMax() {
        return max;
    }

    /** Calls {@code visitor} with each non-empty bucket in ascending index order. */
    void forEachBucket(BucketVisitor visitor) {
        forEach(visitor);
    }

    /** Restores decoded state; the buckets were already added with {@link #addToBucket}. */
    void restoreSummary(long zeros, double exactSum, double rawMinimum, double rawMaximum) {
        zeroCount += zeros;
        count += zeros;
        sum = exactSum;
        min = rawMinimum;
        max = rawMaximum;
    }

    /** Adds to a bucket's count and the total, leaving sum/min/max alone. */
    void addToBucket(int index, long times) {
        add(index, times);
        count += times;
    }

    @FunctionalInterface
    interface BucketVisitor {
        void visit(int index, long count);
    }
}
