package dev.telemetry.jdbc;

import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rollup buckets whose finer samples changed: {@code (resolution, bucket) → version}. Marks are
 * written in the transaction of the samples that change them, and each write draws a fresh random
 * 64-bit version, so a version is not reused across nodes without a shared sequence (odds of a
 * repeat for one bucket ≈ 2⁻⁶⁴). A rollup claims a mark with a compare-and-delete on its version.
 */
final class DirtyBuckets {
  private static final Resolution[] RESOLUTIONS = Resolution.values();

  private final Tables tables;
  private final MultiRowInsert<long[]> upsert;

  DirtyBuckets(Tables tables) {
    this.tables = tables;
    this.upsert = new MultiRowInsert<>(tables.dirtyBuckets, new String[] {"resolution", "bucket", "version"}, null,
        "ON CONFLICT (resolution, bucket) DO UPDATE SET version = excluded.version", (ps, i, row) -> {
          ps.setLong(i, row[0]);
          ps.setLong(i + 1, row[1]);
          ps.setLong(i + 2, row[2]);
        });
  }

  /** Marks the hour of each minute sample and the day of each hour sample. */
  void markCoarser(Connection c, List<MetricSample> changed) throws SQLException {
    // Sorted, so concurrent writers lock marks in one order and never deadlock on them.
    Map<Long, long[]> marks = new TreeMap<>();
    for (MetricSample s : changed) {
      Resolution coarser = s.resolution().coarser();
      if (coarser != null) {
        long bucket = coarser.bucketStart(s.bucketStart()).toEpochMilli();
        // resolution in the top bits: a key that sorts by (resolution, bucket) for epoch-ms buckets
        marks.computeIfAbsent(((long) coarser.ordinal() << 58) + bucket,
            k -> new long[] {coarser.ordinal(), bucket, freshVersion()});
      }
    }
    upsert.insert(c, new ArrayList<>(marks.values()));
  }

  void mark(Connection c, Resolution resolution, Instant bucket) throws SQLException {
    upsert.insert(c, List.of(new long[] {resolution.ordinal(), bucket.toEpochMilli(), freshVersion()}));
  }

  List<DirtyBucket> read(Connection c, Resolution resolution, Instant from, Instant to, int limit)
      throws SQLException {
    return Sql.query(c, "SELECT resolution, bucket, version FROM " + tables.dirtyBuckets
            + " WHERE resolution = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?",
        List.of(resolution.ordinal(), from.toEpochMilli(), to.toEpochMilli(), limit),
        rs -> new DirtyBucket(RESOLUTIONS[rs.getInt(1)], Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3)));
  }

  /** Deletes the mark if it still has its version; true when it did (the caller's merge may then be written). */
  boolean claim(Connection c, DirtyBucket mark) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.dirtyBuckets
        + " WHERE resolution = ? AND bucket = ? AND version = ?")) {
      ps.setInt(1, mark.resolution().ordinal());
      ps.setLong(2, mark.bucketStart().toEpochMilli());
      ps.setLong(3, mark.version());
      return ps.executeUpdate() == 1;
    }
  }

  long deleteOlderThan(Connection c, Instant cutoff, int maxRows) throws SQLException {
    String t = tables.dirtyBuckets;
    return Sql.update(c, "DELETE FROM " + t + " WHERE (resolution, bucket) IN (SELECT resolution, bucket FROM " + t
        + " WHERE bucket < ? ORDER BY bucket LIMIT ?)", List.of(cutoff.toEpochMilli(), maxRows));
  }

  private static long freshVersion() {
    return ThreadLocalRandom.current().nextLong();
  }
}
