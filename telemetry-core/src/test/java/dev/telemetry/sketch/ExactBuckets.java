package dev.telemetry.sketch;

import java.math.BigInteger;

/** Reference implementations, slow and exact, for checking the sketch. */
final class ExactBuckets {

    private ExactBuckets() {
    }

    /** {@code ceil(64·log2(value)) - 1} by exact integer arithmetic: the largest i with 2^(i/64) < value. */
    static int indexOf(double value) {
        int guess = (int) Math.floor(64 * (Math.log(value) / Math.log(2)));
        while (!boundaryBelow(guess, value)) {
            guess--;
        }
        while (boundaryBelow(guess + 1, value)) {
            guess++;
        }
        return guess;
    }

    /** Whether {@code 2^(i/64) < value}, i.e. {@code 2^i < value^64}, with value = m·2^e exactly. */
    static boolean boundaryBelow(int i, double value) {
        long bits = Double.doubleToRawLongBits(value);
        long mantissa = bits & ((1L << 52) - 1);
        int biasedExponent = (int) (bits >>> 52);
        long significand = biasedExponent == 0 ? mantissa : mantissa | 1L << 52;
        int exponent = biasedExponent == 0 ? -1074 : biasedExponent - 1075;
        BigInteger valuePow = BigInteger.valueOf(significand).pow(64);
        long shift = (long) i - 64L * exponent;
        return shift >= 0
                ? BigInteger.ONE.shiftLeft((int) shift).compareTo(valuePow) < 0
                : BigInteger.ONE.compareTo(valuePow.shiftLeft((int) -shift)) < 0;
    }

    /** Nearest-rank quantile of sorted data: the value of rank max(1, ceil(q·n)). */
    static double nearestRank(double[] sorted, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * sorted.length));
        return sorted[(int) rank - 1];
    }

    static double relativeError(double estimate, double exact) {
        return Math.abs(estimate - exact) / exact;
    }
}
