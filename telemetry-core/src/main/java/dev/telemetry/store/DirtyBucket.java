package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A rollup bucket whose finer samples changed since it was last merged: an hour whose minute
 * samples, or a day whose hour samples, were written after (or while) it was rolled up.
 *
 * <p>Stores mark buckets in the same atomic step as the samples that change them, and give each
 * mark a fresh {@code version} on every change. A rollup reads the mark, reads the finer samples,
 * then hands the mark back to {@link TelemetryStore#replaceDirtyBucket}, which writes the merged
 * rollup only if the mark still carries the version it read: a write that lands during the merge
 * changes the version, so the stale merge is skipped and the mark survives for the next run.
 *
 * @param resolution the rollup resolution ({@link Resolution#HOUR} or {@link Resolution#DAY})
 * @param bucketStart start of the bucket, aligned to {@code resolution}
 * @param version changes on every write that marks the bucket; never reused for one bucket
 */
public record DirtyBucket(Resolution resolution, Instant bucketStart, long version) {
  public DirtyBucket {
    requireNonNull(resolution, "resolution");
    requireNonNull(bucketStart, "bucketStart");
    if (resolution.finer() == null) {
      throw new IllegalArgumentException("minute samples are raw: only HOUR and DAY buckets are rolled up");
    }
    if (!resolution.bucketStart(bucketStart).equals(bucketStart)) {
      throw new IllegalArgumentException("bucketStart " + bucketStart + " is not aligned to " + resolution);
    }
  }
}
