package dev.telemetry.jdbc;

import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the SQL stores say about themselves: sizes, rows, oldest and newest row per table, the
 * event types, and SQLite's space reclaiming. Every statement reads only the library's own
 * tables (and the database's catalogue); table names come from {@link Tables}, values are bound.
 */
final class StoreIntrospection {
  /** Events per type whose dimension keys are listed. */
  static final int KEY_SAMPLE = 1_000;

  private final Dialect dialect;
  private final Tables tables;
  /** The time column of each table that has one (samples: bucket start). */
  private final Map<String, String> timeColumns = new LinkedHashMap<>();

  StoreIntrospection(Dialect dialect, Tables tables) {
    this.dialect = dialect;
    this.tables = tables;
    for (Resolution r : Resolution.values()) {
      timeColumns.put(tables.samples(r), "bucket");
    }
    timeColumns.put(tables.logs, "ts");
    timeColumns.put(tables.traces, "ts");
    timeColumns.put(tables.events, "ts");
    timeColumns.put(tables.eventDays, "day");
    timeColumns.put(tables.heartbeats, "last_seen");
    timeColumns.put(tables.appliedBatches, "applied_at");
  }

  StoreStats stats(Connection c) throws SQLException {
    Map<String, Long> bytes = tableBytes(c);
    List<StoreStats.TableStats> out = new ArrayList<>();
    for (String table : tables.all()) {
      String time = timeColumns.get(table);
      String sql = "SELECT COUNT(*)" + (time == null ? "" : ", MIN(" + time + "), MAX(" + time + ")") + " FROM " + table;
      out.add(Sql.query(c, sql, List.of(), rs -> new StoreStats.TableStats(table, rs.getLong(1), bytes.get(table),
          time == null ? null : instant(rs, 2), time == null ? null : instant(rs, 3))).get(0));
    }
    if (dialect == Dialect.SQLITE) {
      long pageSize = pragma(c, "page_size");
      return new StoreStats("sqlite", pragma(c, "page_count") * pageSize, pragma(c, "freelist_count") * pageSize,
          out);
    }
    long size = Sql.query(c, "SELECT pg_database_size(current_database())", List.of(), rs -> rs.getLong(1)).get(0);
    return new StoreStats("postgresql", size, null, out);
  }

  /** Bytes per table with its indexes; empty when the database cannot say (SQLite built without dbstat). */
  private Map<String, Long> tableBytes(Connection c) throws SQLException {
    Map<String, Long> bytes = new HashMap<>();
    if (dialect == Dialect.POSTGRESQL) {
      for (String table : tables.all()) {
        bytes.put(table, Sql.query(c, "SELECT pg_total_relation_size(CAST(? AS regclass))", List.of(table),
            rs -> rs.getLong(1)).get(0));
      }
      return bytes;
    }
    try {
      // dbstat lists every b-tree page by index or table name; sqlite_master maps indexes to tables.
      Sql.query(c, "SELECT m.tbl_name, SUM(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name "
          + "WHERE m.tbl_name LIKE ? ESCAPE '\\' GROUP BY m.tbl_name", List.of(Sql.likeLiteral(tables.prefix) + "%"),
          rs -> bytes.put(rs.getString(1), rs.getLong(2)));
    } catch (SQLException e) {
      return Map.of(); // no dbstat virtual table in this SQLite build: sizes per table unknown
    }
    return bytes;
  }

  List<EventTypeCount> eventTypes(Connection c, Instant from, Instant to, int limit) throws SQLException {
    List<Object> range = List.of(from.toEpochMilli(), to.toEpochMilli());
    List<Object[]> counted = Sql.query(c, "SELECT type, COUNT(*), MAX(ts) FROM " + tables.events
        + " WHERE ts >= ? AND ts < ? GROUP BY type ORDER BY COUNT(*) DESC, type LIMIT ?",
        List.of(range.get(0), range.get(1), limit), rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)});
    if (counted.isEmpty()) {
      return List.of();
    }
    // Dimension keys come from each type's newest KEY_SAMPLE events in the range (an index range
    // on (type, ts, id)): reading every event's JSON costs seconds over a million rows (ADR 0016).
    String keys = dialect == Dialect.POSTGRESQL
        ? "SELECT DISTINCT jsonb_object_keys(e.dimensions) FROM (SELECT dimensions FROM " + tables.events
            + " WHERE type = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?) e"
        : "SELECT DISTINCT j.key FROM (SELECT dimensions FROM " + tables.events
            + " WHERE type = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?) e, json_each(e.dimensions) j";
    Map<String, TreeSet<String>> keysByType = new HashMap<>();
    for (Object[] row : counted) {
      TreeSet<String> set = new TreeSet<>();
      for (String key : Sql.query(c, keys, List.of(row[0], range.get(0), range.get(1), KEY_SAMPLE), rs -> rs.getString(1))) {
        if (set.size() < EventTypeCount.MAX_KEYS) {
          set.add(key);
        }
      }
      keysByType.put((String) row[0], set);
    }
    List<EventTypeCount> out = new ArrayList<>(counted.size());
    for (Object[] row : counted) {
      String type = (String) row[0];
      out.add(new EventTypeCount(type, (Long) row[1], List.copyOf(keysByType.getOrDefault(type, new TreeSet<>())),
          Instant.ofEpochMilli((Long) row[2])));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * SQLite: moves free pages to the end of the file and truncates it ({@code incremental_vacuum},
   * effective when the file was created with {@code auto_vacuum=INCREMENTAL}), then checkpoints
   * the WAL so the truncation reaches the disk. Runs outside a transaction. Returns the bytes the
   * database shrank by.
   */
  long reclaim(Connection c) throws SQLException {
    if (dialect != Dialect.SQLITE) {
      return 0;
    }
    long pageSize = pragma(c, "page_size");
    long before = pragma(c, "page_count");
    long free = pragma(c, "freelist_count");
    if (pragma(c, "auto_vacuum") == 2 && free > 0) {
      checkpoint(c); // the deletes' pages out of the WAL first: moving pages through a long WAL is slow
      incrementalVacuum(c, free);
    }
    checkpoint(c);
    return (before - pragma(c, "page_count")) * pageSize;
  }

  /**
   * {@code PRAGMA incremental_vacuum} frees one page per step, and JDBC's {@code execute} steps a
   * statement once. The driver's own {@code sqlite3_exec} runs it to the end in one call (1.7 s
   * for 195 MB in the sqlite3 shell); only when that is not reachable is it re-run once per free
   * page, all in one transaction (about 0.4 ms per page on a loaded machine, ADR 0016).
   */
  private static void incrementalVacuum(Connection c, long freePages) throws SQLException {
    try {
      Class<?> type = Class.forName("org.sqlite.SQLiteConnection");
      Object db = type.getMethod("getDatabase").invoke(c.unwrap(type));
      int rc = (Integer) db.getClass().getMethod("_exec", String.class).invoke(db, "PRAGMA incremental_vacuum");
      if (rc != 0) {
        throw new SQLException("PRAGMA incremental_vacuum failed with SQLite code " + rc);
      }
      return;
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof SQLException cause) {
        throw cause;
      }
      // anything else: fall back to stepping it from JDBC
    } catch (ReflectiveOperationException | SQLException | ClassCastException | LinkageError e) {
      // not the xerial driver, or a version without these methods: fall back
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        for (long i = 0; i < freePages; i++) {
          s.execute("PRAGMA incremental_vacuum");
        }
      } // closed before the commit: an unfinished statement would block it
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Copies the WAL into the file and truncates both (a busy checkpoint is finished by a later one). */
  private static void checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      while (rs.next()) {
        // busy flag, WAL frames, checkpointed frames
      }
    }
  }

  private static long pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
