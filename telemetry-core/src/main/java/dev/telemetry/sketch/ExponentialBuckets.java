package dev.telemetry.sketch;

import java.math.BigInteger;

/**
 * Index arithmetic of base-2 exponential buckets at scale 6 (64 buckets per octave), with
 * OpenTelemetry's convention: bucket {@code i} holds values in {@code (2^(i/64), 2^((i+1)/64)]}.
 *
 * <p>The index is computed without {@code Math.log}: the IEEE-754 exponent gives the octave, a
 * 128-entry table on the top 7 mantissa bits gives the sub-bucket to within one, and a single
 * comparison against the exact boundary mantissa settles it. 128 slices suffice because
 * adjacent boundaries inside an octave are at least {@code 2^(1/64) - 1 ≈ 0.0109} apart while a
 * slice is {@code 1/128 ≈ 0.0078} wide, so a slice contains at most one boundary.
 */
final class ExponentialBuckets {

    static final int SUB_BUCKET_BITS = 6;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

    private static final int MANTISSA_BITS = 52;
    private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
    private static final int EXPONENT_BIAS = 1023;
    private static final int SLICE_BITS = 7;
    private static final double GAMMA = Math.pow(2, 1.0 / SUB_BUCKETS);
    private static final double REPRESENTATIVE_FACTOR = 2 * GAMMA / (1 + GAMMA);
    /** Worst relative error of {@link #representative(int)} for a value in its bucket. */
    static final double RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

    /**
     * {@code BOUNDARY_MANTISSA[k]} is the mantissa of the smallest double strictly greater than
     * {@code 2^(k/64)}, so {@code m > 2^(k/64)} exactly when {@code mantissa(m) >= BOUNDARY_MANTISSA[k]}.
     * Entry 64 is a sentinel no mantissa reaches.
     */
    private static final long[] BOUNDARY_MANTISSA = new long[SUB_BUCKETS + 1];

    /** Number of boundaries at or below the first mantissa of each 1/128 slice of the octave. */
    private static final byte[] BOUNDARIES_BELOW_SLICE = new byte[1 << SLICE_BITS];

    /** {@code 2^(k/64)} rounded to the nearest double, for the bucket boundaries we report. */
    private static final double[] BOUNDARY_VALUE = new double[SUB_BUCKETS];

    /** The largest valid index: the bucket holding {@link Double#MAX_VALUE}. */
    static final int MAX_INDEX;
    /** The smallest valid index: the bucket holding {@link Double#MIN_VALUE}. */
    static final int MIN_INDEX;

    static {
        for (int k = 0; k < SUB_BUCKETS; k++) {
            long mantissa = smallestMantissaAbove(k);
            BOUNDARY_MANTISSA[k] = mantissa;
            double above = Double.longBitsToDouble((long) EXPONENT_BIAS << MANTISSA_BITS | mantissa);
            double below = Math.nextDown(above);
            // below < 2^(k/64) < above (or below == 2^(k/64) for k = 0): pick the nearer.
            BOUNDARY_VALUE[k] = k == 0 || isNearerBelow(below, above, k) ? below : above;
        }
        BOUNDARY_MANTISSA[SUB_BUCKETS] = Long.MAX_VALUE;
        int boundary = 0;
        for (int slice = 0; slice < BOUNDARIES_BELOW_SLICE.length; slice++) {
            long firstMantissa = (long) slice << (MANTISSA_BITS - SLICE_BITS);
            long lastMantissa = firstMantissa + (1L << (MANTISSA_BITS - SLICE_BITS)) - 1;
            while (BOUNDARY_MANTISSA[boundary] <= firstMantissa) {
                boundary++;
            }
            BOUNDARIES_BELOW_SLICE[slice] = (byte) boundary;
            if (boundary < SUB_BUCKETS && BOUNDARY_MANTISSA[boundary + 1] <= lastMantissa) {
                throw new AssertionError("two boundaries in slice " + slice);
            }
        }
        MAX_INDEX = indexOf(Double.MAX_VALUE);
        MIN_INDEX = indexOf(Double.MIN_VALUE);
    }

    private ExponentialBuckets() {
    }

    /** Bucket index of a positive finite value; unspecified for anything else. */
    static int indexOf(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) (bits >>> MANTISSA_BITS);
        if (exponent == 0) {
            // Subnormal: scaling by 2^64 is exact and makes it normal.
            return indexOf(value * 0x1p64) - 64 * SUB_BUCKETS;
        }
        long mantissa = bits & MANTISSA_MASK;
        int boundaries = BOUNDARIES_BELOW_SLICE[(int) (mantissa >>> (MANTISSA_BITS - SLICE_BITS))];
        if (mantissa >= BOUNDARY_MANTISSA[boundaries]) {
            boundaries++;
        }
        // 'boundaries' counts the k with 2^(k/64) < mantissa value; an exact power of two has
        // none and so belongs to the last bucket of the octave below.
        return ((exponent - EXPONENT_BIAS) << SUB_BUCKET_BITS) + boundaries - 1;
    }

    /** {@code 2^(index/64)} rounded to the nearest double (0 or infinity outside double range). */
    static double lowerBoundary(int index) {
        int octave = Math.floorDiv(index, SUB_BUCKETS);
        return Math.scalb(BOUNDARY_VALUE[Math.floorMod(index, SUB_BUCKETS)], octave);
    }

    /**
     * The value minimising the worst relative error over the bucket, {@code 2·lo·hi/(lo+hi)}.
     * As {@code hi = γ·lo} with {@code γ = 2^(1/64)}, that is {@code lo·2γ/(1+γ)}, off by at most
     * {@code (γ-1)/(γ+1) ≈ 0.5415 %} from any value in the bucket.
     */
    static double representative(int index) {
        return lowerBoundary(index) * REPRESENTATIVE_FACTOR;
    }

    private static long smallestMantissaAbove(int k) {
        if (k == 0) {
            return 1;
        }
        long guess = Double.doubleToRawLongBits(Math.pow(2, k / 64.0)) & MANTISSA_MASK;
        while (guess > 0 && mantissaExceeds(guess - 1, k)) {
            guess--;
        }
        while (!mantissaExceeds(guess, k)) {
            guess++;
        }
        return guess;
    }

    /** Exactly: {@code (1 + mantissa/2^52) > 2^(k/64)}, i.e. {@code (2^52 + mantissa)^64 > 2^(52·64 + k)}. */
    private static boolean mantissaExceeds(long mantissa, int k) {
        BigInteger significand = BigInteger.valueOf((1L << MANTISSA_BITS) | mantissa);
        return significand.pow(SUB_BUCKETS).compareTo(BigInteger.ONE.shiftLeft(MANTISSA_BITS * SUB_BUCKETS + k)) > 0;
    }

    /** Whether {@code 2^(k/64)} is nearer to {@code below} than to {@code above}, exactly. */
    private static boolean isNearerBelow(double below, double above, int k) {
        // Compare 2^(k/64) with the midpoint (below + above) / 2, which needs one more bit.
        long midpointSignificand = (Double.doubleToRawLongBits(below) & MANTISSA_MASK | 1L << MANTISSA_BITS) * 2 + 1;
        BigInteger midpointPow = BigInteger.valueOf(midpointSignificand).pow(SUB_BUCKETS);
        return midpointPow.compareTo(BigInteger.ONE.shiftLeft((MANTISSA_BITS + 1) * SUB_BUCKETS + k)) > 0;
    }
}
