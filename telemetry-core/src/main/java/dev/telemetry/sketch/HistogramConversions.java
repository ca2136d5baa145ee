package dev.telemetry.sketch;

import java.util.Objects;

/** Builds sketches from other histogram layouts; see the public factories on {@link LatencySketch}. */
final class HistogramConversions {

    /** OpenTelemetry's exponential histogram scale range. */
    private static final int MIN_SCALE = -10;
    private static final int MAX_SCALE = 20;

    private HistogramConversions() {
    }

    static LatencySketch fromExponential(int scale, int offset, long[] bucketCounts, long zeroCount,
            double sum, double min, double max) {
        Objects.requireNonNull(bucketCounts, "bucketCounts");
        if (scale < MIN_SCALE || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be in [" + MIN_SCALE + ", " + MAX_SCALE + "] but was " + scale);
        }
        if (zeroCount < 0) {
            throw new IllegalArgumentException("zeroCount must be >= 0 but was " + zeroCount);
        }
        LatencySketch sketch = new LatencySketch();
        sketch.recordZeros(zeroCount);
        for (int j = 0; j < bucketCounts.length; j++) {
            if (bucketCounts[j] < 0) {
                throw new IllegalArgumentException("bucketCounts[" + j + "] must be >= 0 but was " + bucketCounts[j]);
            }
            if (bucketCounts[j] != 0) {
                sketch.recordBucket(toScale6(scale, (long) offset + j), bucketCounts[j]);
            }
        }
        sketch.overrideSummary(sum, min, max);
        return sketch;
    }

    /**
     * Our index for a source bucket. Finer: OpenTelemetry's own downscale, a floor shift.
     * Coarser: the source bucket {@code (2^(i/2^s), 2^((i+1)/2^s)]} covers our indexes
     * {@code i·k … i·k + k - 1} with {@code k = 2^(6-s)}; we take the one holding its
     * relative-error-optimal value {@code lo·2g/(1+g)}, {@code g = 2^(2^-s)}, which sits
     * {@code 64·log2(2g/(1+g))} of our buckets above its lower boundary.
     */
    static int toScale6(int scale, long sourceIndex) {
        long index;
        if (scale >= LatencySketch.SCALE) {
            index = sourceIndex >> (scale - LatencySketch.SCALE);
        } else {
            int shift = LatencySketch.SCALE - scale;
            // log2(2g/(1+g)) = 1 - log2(1 + 1/g), written so that g = 2^1024 at scale -10 cannot overflow.
            double inverseGrowth = Math.pow(2, -Math.scalb(1.0, -scale));
            long withinSource = (long) Math.floor(ExponentialBuckets.SUB_BUCKETS * (1 - Math.log1p(inverseGrowth) / Math.log(2)));
            index = (sourceIndex << shift) + withinSource;
        }
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bucket " + sourceIndex + " at scale " + scale + " is outside the range of doubles");
        }
        return (int) index;
    }

    static LatencySketch fromExplicit(double[] upperBounds, long[] counts, double sum, double min, double max) {
        Objects.requireNonNull(upperBounds, "upperBounds");
        Objects.requireNonNull(counts, "counts");
        if (counts.length != upperBounds.length + 1) {
            throw new IllegalArgumentException("counts must have upperBounds.length + 1 = " + (upperBounds.length + 1)
                    + " entries (the last for values above the last bound) but had " + counts.length);
        }
        for (int j = 1; j < upperBounds.length; j++) {
            if (!(upperBounds[j] > upperBounds[j - 1])) {
                throw new IllegalArgumentException("upperBounds must be strictly increasing but upperBounds[" + j
                        + "] = " + upperBounds[j] + " follows " + upperBounds[j - 1]);
            }
        }
        LatencySketch sketch = new LatencySketch();
        double knownMin = Double.isNaN(min) ? 0 : Math.max(0, min);
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("counts[" + j + "] must be >= 0 but was " + counts[j]);
            }
            if (counts[j] == 0) {
                continue;
            }
            double lower = j == 0 ? knownMin : Math.max(0, upperBounds[j - 1]);
            double upper = j < upperBounds.length ? upperBounds[j] : (Double.isNaN(max) ? lower : max);
            sketch.record(representative(lower, upper, min, max), counts[j]);
        }
        sketch.overrideSummary(sum, min, max);
        return sketch;
    }

    /** The point of {@code [lower, upper]} with the least worst-case relative error, kept in {@code [min, max]}. */
    private static double representative(double lower, double upper, double min, double max) {
        // A bucket reaching down to 0 has no relative-error-optimal point; its middle will do.
        double value = upper <= 0 ? 0 : lower <= 0 ? upper / 2 : 2 * lower / (lower + upper) * upper;
        if (!Double.isNaN(min)) {
            value = Math.max(value, min);
        }
        if (!Double.isNaN(max)) {
            value = Math.min(value, max);
        }
        return Math.max(0, value);
    }
}
