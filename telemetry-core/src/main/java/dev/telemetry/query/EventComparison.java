package dev.telemetry.query;

import java.time.Instant;

/**
 * The same event question over the period just before the asked one ({@code compare=previous}):
 * a week before a week, 24 hours before 24 hours.
 *
 * @param from start of the previous period ({@code from - span})
 * @param to end of the previous period (the asked {@code from}, exclusive)
 * @param count events in the previous period
 * @param distinctSubjects distinct subjects in the previous period
 * @param value value statistics in the previous period
 * @param countChangePercent {@code (count - previous) / previous × 100}, {@code null} when the
 *     previous period has no events
 * @param sumChangePercent the same for the value sum, {@code null} when the previous sum is 0
 * @param complete whether the previous period lies inside the retention; when false its oldest
 *     part may already be deleted and its numbers are lower bounds
 * @param truncated whether the read cap was hit in the previous period
 */
public record EventComparison(
    Instant from,
    Instant to,
    long count,
    long distinctSubjects,
    ValueStats value,
    Double countChangePercent,
    Double sumChangePercent,
    boolean complete,
    boolean truncated) {

  /** {@code (now - before) / before × 100}, {@code null} when {@code before} is 0. */
  static Double changePercent(double now, double before) {
    return before == 0 ? null : 100.0 * (now - before) / Math.abs(before);
  }
}
