package dev.telemetry.rollup;

import java.time.Duration;
import java.time.Instant;

/**
 * What one {@link RollupJob#runOnce()} did.
 *
 * @param hoursRolled hour buckets written from minute samples as the hour watermark advanced
 * @param daysRolled day buckets written from hour samples as the day watermark advanced
 * @param hoursRepaired dirty hours behind the watermark re-merged from minutes (late data)
 * @param daysRepaired dirty days behind the watermark re-merged from hours
 * @param marksDropped dirty marks dropped without a merge because the bucket's finer samples are
 *     past the lookback (some may be deleted): late data that cannot reach that rollup any more
 * @param samplesWritten rollup samples computed and handed to the store (one per series and
 *     bucket); a merge the store skipped because newer data arrived meanwhile is counted too
 * @param hourWatermark hour rollups are complete before this, or {@code null} if none ran yet
 * @param dayWatermark day rollups are complete before this, or {@code null} if none ran yet
 * @param caughtUp whether every complete bucket is rolled up and every dirty one re-merged (false
 *     when a per-run bound or a store failure stopped the run early)
 * @param failure the store's failure message when a write failed, else empty
 * @param took wall time of the run, by the job's clock
 * @param eventDaysRolled UTC days whose event day rollups were written as their watermark advanced
 * @param eventDayWatermark event day rollups are complete before this, or {@code null} if none ran
 * @param eventDayFailure the store's failure message when an event day rollup failed (a store
 *     without event day rollups reports one every run), else empty; metric rollups are unaffected
 */
public record RollupReport(
    int hoursRolled,
    int daysRolled,
    int hoursRepaired,
    int daysRepaired,
    int marksDropped,
    long samplesWritten,
    Instant hourWatermark,
    Instant dayWatermark,
    boolean caughtUp,
    String failure,
    Duration took,
    int eventDaysRolled,
    Instant eventDayWatermark,
    String eventDayFailure) {

  /** A report of metric rollups only. */
  public RollupReport(int hoursRolled, int daysRolled, int hoursRepaired, int daysRepaired, int marksDropped,
      long samplesWritten, Instant hourWatermark, Instant dayWatermark, boolean caughtUp, String failure,
      Duration took) {
    this(hoursRolled, daysRolled, hoursRepaired, daysRepaired, marksDropped, samplesWritten, hourWatermark,
        dayWatermark, caughtUp, failure, took, 0, null, "");
  }
}
