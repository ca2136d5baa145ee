package dev.telemetry.contract;

import java.util.Objects;
import java.util.Set;

/**
 * The unit a metric is measured in, named by the suffix its metric name must carry.
 *
 * <p>Use the constants for the common units; {@link #custom(String)} names anything else
 * ({@code MetricUnit.custom("connections")}). Time is measured only in {@link #SECONDS} or
 * {@link #MILLISECONDS}: those are the units {@link #isTimeBased()} recognises, which a
 * {@link GoldenSignal#LATENCY} metric requires. {@link #NONE} means dimensionless and carries no
 * suffix; gauges and histograms must declare a real unit.
 *
 * @param suffix the name suffix without the leading underscore, lowercase letters only; empty
 *     only for {@link #NONE}
 */
public record MetricUnit(String suffix) {

    /** Dimensionless; no name suffix. Only counters may use it. */
    public static final MetricUnit NONE = new MetricUnit("");
    /** Seconds (the preferred time unit). */
    public static final MetricUnit SECONDS = new MetricUnit("seconds");
    /** Milliseconds. */
    public static final MetricUnit MILLISECONDS = new MetricUnit("milliseconds");
    /** Bytes. */
    public static final MetricUnit BYTES = new MetricUnit("bytes");
    /** A fraction in [0, 1]. */
    public static final MetricUnit RATIO = new MetricUnit("ratio");
    /** A fraction in [0, 100]. */
    public static final MetricUnit PERCENT = new MetricUnit("percent");
    /** Requests. */
    public static final MetricUnit REQUESTS = new MetricUnit("requests");
    /** Items (queue entries, rows, messages …). */
    public static final MetricUnit ITEMS = new MetricUnit("items");

    private static final int MAX_SUFFIX_LENGTH = 32;

    /** Time words that would silently not be time-based; callers must convert to a time unit. */
    private static final Set<String> UNSUPPORTED_TIME_UNITS =
            Set.of("nanoseconds", "microseconds", "minutes", "hours", "days", "millis", "ms", "s");

    /**
     * @throws IllegalArgumentException if {@code suffix} is not lowercase letters (or empty)
     */
    public MetricUnit {
        Objects.requireNonNull(suffix, "suffix");
        if (suffix.length() > MAX_SUFFIX_LENGTH || !isLowercaseLetters(suffix)) {
            throw new IllegalArgumentException("unit suffix '" + suffix
                    + "' must be lowercase letters [a-z]+ of at most " + MAX_SUFFIX_LENGTH + " characters");
        }
    }

    /**
     * A unit outside the predefined set, e.g. {@code custom("connections")}.
     *
     * @param suffix lowercase letters, 1 to 32 of them
     * @throws IllegalArgumentException if the suffix is empty, not {@code [a-z]+}, or a time unit
     *     other than seconds or milliseconds
     */
    public static MetricUnit custom(String suffix) {
        Objects.requireNonNull(suffix, "suffix");
        if (suffix.isEmpty()) {
            throw new IllegalArgumentException("unit suffix '' must be lowercase letters [a-z]+; use MetricUnit.NONE for no unit");
        }
        if (UNSUPPORTED_TIME_UNITS.contains(suffix)) {
            throw new IllegalArgumentException("unit suffix '" + suffix
                    + "' is a time unit: measure time in MetricUnit.SECONDS or MetricUnit.MILLISECONDS");
        }
        return new MetricUnit(suffix);
    }

    /** Whether this unit measures time ({@link #SECONDS} or {@link #MILLISECONDS}). */
    public boolean isTimeBased() {
        return suffix.equals(SECONDS.suffix) || suffix.equals(MILLISECONDS.suffix);
    }

    /** Whether this unit is {@link #NONE}. */
    public boolean isNone() {
        return suffix.isEmpty();
    }

    @Override
    public String toString() {
        return isNone() ? "none" : suffix;
    }

    private static boolean isLowercaseLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
