package dev.telemetry.query;

/**
 * Statistics of the {@code value} of a set of business events (an amount, a fee, a duration).
 *
 * <p>{@code count}, {@code sum} and {@code avg} are exact over the events' finite values.
 * {@code p50} and {@code p95} are read from a {@link dev.telemetry.sketch.LatencySketch} of the
 * non-negative values (nearest rank, relative error at most 0.5415 %, the sketch's documented bound);
 * they are {@code null} when there is no value or when a value is negative (the sketch holds only
 * non-negative values, so a percentile over a set with negatives would be wrong).
 *
 * @param count events with a finite value
 * @param sum sum of those values
 * @param avg {@code sum / count}, {@code null} when {@code count} is 0
 * @param p50 median value, or {@code null}
 * @param p95 95th percentile value, or {@code null}
 */
public record ValueStats(long count, double sum, Double avg, Double p50, Double p95) {
  /** No values. */
  public static final ValueStats EMPTY = new ValueStats(0, 0, null, null, null);
}
