package dev.telemetry.rollup;

import java.time.Duration;
import java.time.Instant;

/**
 * What one {@link RollupJob#runOnce()} did.
 *
 * @param hoursRolled hour buckets written from minute samples
 * @param daysRolled day buckets written from hour samples
 * @param samplesWritten rollup samples written (one per series and bucket)
 * @param hourWatermark hour rollups are complete before this, or {@code null} if none ran yet
 * @param dayWatermark day rollups are complete before this, or {@code null} if none ran yet
 * @param caughtUp whether every complete bucket is rolled up (false when the per-run bound or a
 *     store failure stopped the run early)
 * @param failure the store's failure message when a write failed, else empty
 * @param took wall time of the run, by the job's clock
 */
public record RollupReport(
    int hoursRolled,
    int daysRolled,
    long samplesWritten,
    Instant hourWatermark,
    Instant dayWatermark,
    boolean caughtUp,
    String failure,
    Duration took) {}
