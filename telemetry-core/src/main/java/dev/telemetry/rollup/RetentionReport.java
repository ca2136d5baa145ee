package dev.telemetry.rollup;

import dev.telemetry.store.DataKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one {@link RetentionJob#runOnce()} deleted.
 *
 * @param ranAt when the run started
 * @param deleted rows deleted per kind (every kind present, 0 when nothing was old)
 * @param complete whether every old row is gone (false when the per-run chunk bound was reached)
 * @param reclaimedBytes bytes the store gave back to the file system after deleting (0 when nothing
 *     was deleted or the store cannot tell)
 * @param took wall time of the run, by the job's clock
 */
public record RetentionReport(Instant ranAt, Map<DataKind, Long> deleted, boolean complete, long reclaimedBytes, Duration took) {
  public RetentionReport {
    deleted = Map.copyOf(deleted);
  }

  /** Rows deleted across all kinds. */
  public long totalDeleted() {
    return deleted.values().stream().mapToLong(Long::longValue).sum();
  }
}
