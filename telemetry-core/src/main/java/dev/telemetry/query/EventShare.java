package dev.telemetry.query;

/**
 * One value of the breakdown dimension.
 *
 * @param value the dimension value ({@code ""} for events without the dimension, {@value
 *     EventAnalytics#OTHER} for the folded rest)
 * @param count events with this value
 * @param percent {@code count} as a percentage of all counted events (0..100)
 * @param distinctSubjects distinct subjects among those events (e.g. active projects)
 * @param subjectPercent {@code distinctSubjects} as a percentage of all distinct subjects; a
 *     subject seen under two values counts in both, so these may add up to more than 100
 * @param successRate successes / (successes + failures), {@code null} when no event has an outcome
 * @param valueStats statistics of the events' {@code value} (count, sum, avg, p50, p95)
 * @param previousCount events with this value in the previous period, {@code null} unless the
 *     query compares with it
 * @param countChangePercent change of {@code count} against {@code previousCount} in percent,
 *     {@code null} without comparison or when {@code previousCount} is 0
 */
public record EventShare(String value, long count, double percent, long distinctSubjects, double subjectPercent,
    Double successRate, ValueStats valueStats, Long previousCount, Double countChangePercent) {}
