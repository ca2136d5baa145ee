package dev.telemetry.jdbc;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.EventDayRollup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily event rollups ({@code <prefix>event_days}, schema v4, ADR 0051): one row per (day, type,
 * dimension set), keyed by the first 64 bits of SHA-256 of the canonical dimension JSON as sample
 * rows are by their labels. A day is replaced as a whole (delete, then multi-row insert) in one
 * transaction, so a rerun of the rollup job over a day changes nothing.
 */
final class EventDayTable {
  private static final String[] COLUMNS = {"day", "dims_hash", "count", "successes", "failures", "value_count",
      "value_sum", "negative_values", "type", "dimensions", "sketch"};

  private final Tables tables;
  private final MultiRowInsert<EventDayRollup> insert;

  EventDayTable(Dialect dialect, Tables tables) {
    this.tables = tables;
    String[] casts = new String[COLUMNS.length];
    if (dialect == Dialect.POSTGRESQL) {
      casts[9] = "jsonb";
    }
    this.insert = new MultiRowInsert<>(tables.eventDays, COLUMNS, casts, "", EventDayTable::bind);
  }

  /** Replaces every row of {@code day} with {@code rows}. */
  void replaceDay(Connection c, Instant day, List<EventDayRollup> rows) throws SQLException {
    Sql.update(c, "DELETE FROM " + tables.eventDays + " WHERE day = ?", List.of(day.toEpochMilli()));
    insert.insert(c, rows);
  }

  List<EventDayRollup> read(Connection c, String type, Instant from, Instant to, int limit) throws SQLException {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT day, count, successes, failures, value_count, value_sum, "
        + "negative_values, type, dimensions, sketch FROM " + tables.eventDays + " WHERE ");
    if (type != null) {
      sql.append("type = ? AND ");
      args.add(type);
    }
    sql.append("day >= ? AND day < ? LIMIT ?");
    args.add(from.toEpochMilli());
    args.add(to.toEpochMilli());
    args.add(limit);
    return Sql.query(c, sql.toString(), args, EventDayTable::row);
  }

  /** Deletes whole days before {@code cutoff}, oldest first, stopping after the day that reaches {@code maxRows}. */
  long deleteOlderThan(Connection c, Instant cutoff, int maxRows) throws SQLException {
    // The days holding the oldest maxRows rows: a day's rows go together, so a call may pass maxRows by one day.
    List<Long> days = Sql.query(c, "SELECT DISTINCT day FROM (SELECT day FROM " + tables.eventDays
        + " WHERE day < ? ORDER BY day LIMIT ?) oldest", List.of(cutoff.toEpochMilli(), maxRows), rs -> rs.getLong(1));
    long deleted = 0;
    for (long day : days) {
      deleted += Sql.update(c, "DELETE FROM " + tables.eventDays + " WHERE day = ?", List.of(day));
    }
    return deleted;
  }

  private static EventDayRollup row(ResultSet rs) throws SQLException {
    byte[] sketch = rs.getBytes("sketch");
    return new EventDayRollup(Instant.ofEpochMilli(rs.getLong("day")), rs.getString("type"),
        FlatJson.read(rs.getString("dimensions")), rs.getLong("count"), rs.getLong("successes"),
        rs.getLong("failures"), rs.getLong("value_count"), rs.getDouble("value_sum"), rs.getLong("negative_values"),
        sketch == null ? null : LatencySketch.fromBytes(sketch));
  }

  private static void bind(PreparedStatement ps, int i, EventDayRollup r) throws SQLException {
    String dimensions = FlatJson.write(r.dimensions());
    ps.setLong(i, r.day().toEpochMilli());
    ps.setLong(i + 1, SampleTables.labelHash(r.type() + '\n' + dimensions));
    ps.setLong(i + 2, r.count());
    ps.setLong(i + 3, r.successes());
    ps.setLong(i + 4, r.failures());
    ps.setLong(i + 5, r.valueCount());
    Sql.setDouble(ps, i + 6, r.valueSum());
    ps.setLong(i + 7, r.negativeValues());
    ps.setString(i + 8, r.type());
    ps.setString(i + 9, dimensions);
    if (r.sketch() == null) {
      ps.setNull(i + 10, java.sql.Types.BINARY);
    } else {
      ps.setBytes(i + 10, r.sketch().toBytes());
    }
  }
}
