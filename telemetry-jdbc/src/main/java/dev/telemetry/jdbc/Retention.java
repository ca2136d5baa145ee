package dev.telemetry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Whole-chunk retention for TimescaleDB hypertables: dropping a chunk is a catalogue change, not a
 * scan, so a day of rows goes at once without long locks. The rows the dropped chunks held are
 * counted first, so retention still reports what it deleted; rows older than the cutoff in the
 * chunk that straddles it are then deleted by the ordinary bounded DELETE.
 *
 * <p>This is the one place where a call may delete more than {@code maxRows}: a chunk is the unit.
 */
final class Retention {
  private Retention() {}

  /** Drops every chunk of {@code table} that ends at or before {@code cutoff}; returns the rows they held. */
  static long dropWholeChunks(Connection c, String table, String timeColumn, Instant cutoff) throws SQLException {
    long cutoffMillis = cutoff.toEpochMilli();
    List<Long> ends = Sql.query(c, "SELECT MAX(range_end_integer) FROM timescaledb_information.chunks "
        + "WHERE hypertable_name = ? AND range_end_integer <= ?", List.of(table, cutoffMillis), rs -> {
          long end = rs.getLong(1);
          return rs.wasNull() ? null : end;
        });
    Long end = ends.isEmpty() ? null : ends.get(0);
    if (end == null) {
      return 0;
    }
    long rows = Sql.query(c, "SELECT COUNT(*) FROM " + table + " WHERE " + timeColumn + " < ?", List.of(end),
        rs -> rs.getLong(1)).get(0);
    Sql.query(c, "SELECT drop_chunks(CAST(? AS regclass), older_than => CAST(? AS bigint))", List.of(table, end),
        rs -> null);
    return rows;
  }
}
