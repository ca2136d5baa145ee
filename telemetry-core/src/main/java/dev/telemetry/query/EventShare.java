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
 */
public record EventShare(String value, long count, double percent, long distinctSubjects, double subjectPercent,
    Double successRate) {}
