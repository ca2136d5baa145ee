package dev.telemetry.rollup;

import java.time.Duration;
import java.time.Instant;

/**
 * What one {@link RollupJob#rebuild} recomputed.
 *
 * @param from start of the range, aligned down to the hour
 * @param to end of the range as asked
 * @param hoursRebuilt hour buckets recomputed from minute samples
 * @param daysRebuilt day buckets recomputed from hour samples (the days overlapping the range)
 * @param samplesWritten rollup samples computed and handed to the store
 * @param failure the store's failure message when a write failed (the rebuild stopped there), else empty
 * @param took wall time of the call, by the job's clock
 */
public record RebuildReport(
    Instant from,
    Instant to,
    int hoursRebuilt,
    int daysRebuilt,
    long samplesWritten,
    String failure,
    Duration took) {

  /** Whether every bucket asked for was recomputed. */
  public boolean complete() {
    return failure.isEmpty();
  }
}
