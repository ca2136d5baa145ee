package dev.telemetry.benchmarks.query;

import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.List;

/**
 * Leaves generated data as the rollup job leaves it: writing samples marks their hours and days
 * dirty (ADR 0012), and a scheduled rollup claims those marks once it has merged the buckets. Data
 * written directly at every resolution is already merged, so the marks are claimed with nothing to
 * replace. Without this every hour of generated minutes would look like a pending late write.
 */
public final class RollupState {
  private RollupState() {}

  /** Claims every hour mark before the hour watermark and every day mark before the day watermark. */
  public static void claimMarks(TelemetryStore store, Instant hourWatermark, Instant dayWatermark) {
    for (Resolution r : List.of(Resolution.HOUR, Resolution.DAY)) {
      Instant until = r == Resolution.HOUR ? hourWatermark : dayWatermark;
      List<DirtyBucket> marks;
      while (!(marks = store.readDirtyBuckets(r, Instant.EPOCH, until, 10_000)).isEmpty()) {
        for (DirtyBucket m : marks) {
          StoreResult result = store.replaceDirtyBucket(m, List.of());
          if (!result.success()) {
            throw new IllegalStateException(result.message(), result.cause());
          }
        }
      }
    }
  }
}
