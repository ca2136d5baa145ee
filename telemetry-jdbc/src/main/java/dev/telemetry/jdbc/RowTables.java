package dev.telemetry.jdbc;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Page.Cursor;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Page;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs, traces, events, heartbeats and watermarks: inserts, newest-first pages by {@code (ts, id)}
 * and bounded deletes. {@code id} is assigned by the database (identity / rowid) and only breaks
 * ties between rows of the same millisecond, so a cursor is {@code (ts, id)} of the last row.
 */
final class RowTables {
  private static final LogLevel[] LEVELS = LogLevel.values();
  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final Heartbeat.Kind[] HEARTBEAT_KINDS = Heartbeat.Kind.values();
  private static final String LOG_COLUMNS = "id, ts, ts_nano, level, service, node, domain, event, message, trace_id, "
      + "span_id, attrs";
  private static final String TRACE_COLUMNS = "id, ts, ts_nano, trace_id, span_id, span_name, service, node, domain, "
      + "route, status, error, duration_ms";
  private static final String EVENT_COLUMNS = "id, ts, ts_nano, type, subject, dimensions, outcome, value, service, node";

  private final Dialect dialect;
  private final Tables tables;
  private final MultiRowInsert<LogEvent> logInsert;
  private final MultiRowInsert<TraceRecord> traceInsert;
  private final MultiRowInsert<BusinessEvent> eventInsert;
  private final MultiRowInsert<Heartbeat> heartbeatUpsert;

  RowTables(Dialect dialect, Tables tables) {
    this.dialect = dialect;
    this.tables = tables;
    String json = dialect == Dialect.POSTGRESQL ? "jsonb" : null;
    logInsert = new MultiRowInsert<>(tables.logs, columns(LOG_COLUMNS),
        new String[] {null, null, null, null, null, null, null, null, null, null, json}, "", RowTables::bindLog);
    traceInsert = new MultiRowInsert<>(tables.traces, columns(TRACE_COLUMNS), null, "", RowTables::bindTrace);
    eventInsert = new MultiRowInsert<>(tables.events, columns(EVENT_COLUMNS),
        new String[] {null, null, null, null, json, null, null, null, null}, "", RowTables::bindEvent);
    String h = tables.heartbeats;
    heartbeatUpsert = new MultiRowInsert<>(h, new String[] {"name", "node", "kind", "last_seen", "last_seen_nano",
        "expected_ns", "duration_ns", "ok", "detail"}, null,
        // The newest sign of life wins; an older one arriving late changes nothing.
        "ON CONFLICT (name, node) DO UPDATE SET kind = excluded.kind, last_seen = excluded.last_seen, "
            + "last_seen_nano = excluded.last_seen_nano, expected_ns = excluded.expected_ns, "
            + "duration_ns = excluded.duration_ns, ok = excluded.ok, detail = excluded.detail "
            + "WHERE (excluded.last_seen, excluded.last_seen_nano) >= (" + h + ".last_seen, " + h + ".last_seen_nano)",
        RowTables::bindHeartbeat);
  }

  /** Records the batch id; false when it was already there (the batch must then change nothing). */
  boolean claimBatch(Connection c, String batchId, long nowMillis) throws SQLException {
    return Sql.update(c, "INSERT INTO " + tables.appliedBatches + " (batch_id, applied_at) VALUES (?, ?) "
        + "ON CONFLICT (batch_id) DO NOTHING", List.of(batchId, nowMillis)) == 1;
  }

  void insertLogs(Connection c, List<LogEvent> logs) throws SQLException {
    logInsert.insert(c, logs);
  }

  void insertTraces(Connection c, List<TraceRecord> traces) throws SQLException {
    traceInsert.insert(c, traces);
  }

  void insertEvents(Connection c, List<BusinessEvent> events) throws SQLException {
    eventInsert.insert(c, events);
  }

  void upsertHeartbeats(Connection c, List<Heartbeat> heartbeats) throws SQLException {
    // One multi-row upsert may not touch a row twice: keep the newest per (name, node) first.
    Map<List<String>, Heartbeat> latest = new LinkedHashMap<>();
    for (Heartbeat hb : heartbeats) {
      latest.merge(List.of(hb.name(), hb.node()), hb, (old, neu) -> neu.lastSeen().isBefore(old.lastSeen()) ? old : neu);
    }
    heartbeatUpsert.insert(c, new ArrayList<>(latest.values()));
  }

  Page<LogEvent> readLogs(Connection c, LogQuery q, Cursor cursor) throws SQLException {
    Filter f = new Filter();
    if (!q.levels().isEmpty()) {
      f.in("level", q.levels().stream().map(l -> (Object) l.ordinal()).toList());
    }
    f.equal("domain", q.domain());
    f.equal("service", q.service());
    f.equal("trace_id", q.traceId());
    if (q.search() != null) {
      String like = dialect == Dialect.POSTGRESQL ? "ILIKE" : "LIKE";
      String pattern = "%" + Sql.likeLiteral(q.search()) + "%";
      f.where("(message " + like + " ? ESCAPE '\\' OR event " + like + " ? ESCAPE '\\')", pattern, pattern);
    }
    return page(c, tables.logs, LOG_COLUMNS, f, q.from(), q.to(), cursor, q.limit(), RowTables::log);
  }

  Page<TraceRecord> readTraces(Connection c, TraceQuery q, Cursor cursor) throws SQLException {
    Filter f = new Filter();
    if (q.errorsOnly()) {
      f.where("(error = 1 OR status >= 500)");
    }
    if (q.minDurationMs() > 0) {
      f.where("duration_ms >= ?", q.minDurationMs());
    }
    f.equal("domain", q.domain());
    f.equal("route", q.route());
    f.equal("trace_id", q.traceId());
    return page(c, tables.traces, TRACE_COLUMNS, f, q.from(), q.to(), cursor, q.limit(), RowTables::trace);
  }

  List<BusinessEvent> readEvents(Connection c, EventQuery q) throws SQLException {
    Filter f = new Filter();
    f.equal("type", q.type());
    f.where("ts >= ?", q.from().toEpochMilli());
    f.where("ts < ?", q.to().toEpochMilli());
    f.args.add(q.limit());
    return Sql.query(c, "SELECT " + EVENT_COLUMNS + " FROM " + tables.events + f.sql()
        + " ORDER BY ts DESC, id DESC LIMIT ?", f.args, RowTables::event);
  }

  List<Heartbeat> readHeartbeats(Connection c) throws SQLException {
    return Sql.query(c, "SELECT name, node, kind, last_seen, last_seen_nano, expected_ns, duration_ns, ok, detail FROM "
        + tables.heartbeats, List.of(), rs -> new Heartbeat(rs.getString("name"),
        HEARTBEAT_KINDS[rs.getInt("kind")], rs.getString("node"),
        instant(rs.getLong("last_seen"), rs.getInt("last_seen_nano")), Duration.ofNanos(rs.getLong("expected_ns")),
        Duration.ofNanos(rs.getLong("duration_ns")), rs.getInt("ok") == 1, rs.getString("detail")));
  }

  Optional<Instant> readWatermark(Connection c, String name) throws SQLException {
    return Sql.query(c, "SELECT value_ms, value_nano FROM " + tables.watermarks + " WHERE name = ?", List.of(name),
        rs -> instant(rs.getLong(1), rs.getInt(2))).stream().findFirst();
  }

  void writeWatermark(Connection c, String name, Instant value) throws SQLException {
    Sql.update(c, "INSERT INTO " + tables.watermarks + " (name, value_ms, value_nano) VALUES (?, ?, ?) "
        + "ON CONFLICT (name) DO UPDATE SET value_ms = excluded.value_ms, value_nano = excluded.value_nano",
        List.of(name, value.toEpochMilli(), nanoOfMilli(value)));
  }

  /** Deletes the oldest rows before {@code cutoff} of a table keyed by (ts, id), at most {@code maxRows}. */
  long deleteTimeRows(Connection c, String table, Instant cutoff, int maxRows) throws SQLException {
    // PostgreSQL: the key (ts, id) lets a hypertable prune chunks. SQLite: the rowid alone (a
    // row-value IN over the rowid alias matches nothing in SQLite 3.46).
    String key = dialect == Dialect.POSTGRESQL ? "(ts, id)" : "id";
    return Sql.update(c, "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key.replaceAll("[()]", "")
        + " FROM " + table + " WHERE ts < ? ORDER BY ts LIMIT ?)", List.of(cutoff.toEpochMilli(), maxRows));
  }

  long deleteHeartbeats(Connection c, Instant cutoff, int maxRows) throws SQLException {
    String t = tables.heartbeats;
    return Sql.update(c, "DELETE FROM " + t + " WHERE (name, node) IN (SELECT name, node FROM " + t
        + " WHERE last_seen < ? ORDER BY last_seen LIMIT ?)", List.of(cutoff.toEpochMilli(), maxRows));
  }

  long deleteAppliedBatches(Connection c, Instant cutoff, int maxRows) throws SQLException {
    String t = tables.appliedBatches;
    return Sql.update(c, "DELETE FROM " + t + " WHERE batch_id IN (SELECT batch_id FROM " + t
        + " WHERE applied_at < ? ORDER BY applied_at LIMIT ?)", List.of(cutoff.toEpochMilli(), maxRows));
  }

  /** Rows in {@code [from, to)} strictly after the cursor, newest first; one extra row tells whether more follow. */
  private static <T> Page<T> page(Connection c, String table, String columns, Filter f, Instant from, Instant to,
      Cursor cursor, int limit, Sql.Row<T> row) throws SQLException {
    f.where("ts >= ?", from.toEpochMilli());
    f.where("ts < ?", to.toEpochMilli());
    if (cursor != null) {
      f.where("(ts, id) < (?, ?)", cursor.tsMillis(), cursor.id());
    }
    f.args.add(limit + 1);
    List<long[]> positions = new ArrayList<>(limit + 1);
    List<T> items = Sql.query(c, "SELECT " + columns + " FROM " + table + f.sql() + " ORDER BY ts DESC, id DESC LIMIT ?",
        f.args, rs -> {
          positions.add(new long[] {rs.getLong("ts"), rs.getLong("id")});
          return row.map(rs);
        });
    if (items.size() <= limit) {
      return new Page<>(items, null);
    }
    long[] last = positions.get(limit - 1);
    return new Page<>(items.subList(0, limit), new Cursor(last[0], last[1]).encode());
  }

  private static LogEvent log(ResultSet rs) throws SQLException {
    return new LogEvent(instant(rs.getLong("ts"), rs.getInt("ts_nano")), LEVELS[rs.getInt("level")],
        rs.getString("service"), rs.getString("node"), rs.getString("domain"), rs.getString("event"),
        rs.getString("message"), rs.getString("trace_id"), rs.getString("span_id"), FlatJson.read(rs.getString("attrs")));
  }

  private static TraceRecord trace(ResultSet rs) throws SQLException {
    return new TraceRecord(instant(rs.getLong("ts"), rs.getInt("ts_nano")), rs.getString("trace_id"),
        rs.getString("span_id"), rs.getString("span_name"), rs.getString("service"), rs.getString("node"),
        rs.getString("domain"), rs.getString("route"), rs.getInt("status"), rs.getInt("error") == 1,
        rs.getDouble("duration_ms"));
  }

  private static BusinessEvent event(ResultSet rs) throws SQLException {
    return new BusinessEvent(instant(rs.getLong("ts"), rs.getInt("ts_nano")), rs.getString("type"),
        rs.getString("subject"), FlatJson.read(rs.getString("dimensions")), OUTCOMES[rs.getInt("outcome")],
        rs.getDouble("value"), rs.getString("service"), rs.getString("node"));
  }

  // The id column is generated: binders start at ts.
  private static void bindLog(PreparedStatement ps, int i, LogEvent e) throws SQLException {
    ps.setLong(i, e.ts().toEpochMilli());
    ps.setInt(i + 1, nanoOfMilli(e.ts()));
    ps.setInt(i + 2, e.level().ordinal());
    ps.setString(i + 3, e.service());
    ps.setString(i + 4, e.node());
    ps.setString(i + 5, e.domain());
    ps.setString(i + 6, e.event());
    ps.setString(i + 7, e.message());
    ps.setString(i + 8, e.traceId());
    ps.setString(i + 9, e.spanId());
    ps.setString(i + 10, FlatJson.write(e.attrs()));
  }

  private static void bindTrace(PreparedStatement ps, int i, TraceRecord t) throws SQLException {
    ps.setLong(i, t.ts().toEpochMilli());
    ps.setInt(i + 1, nanoOfMilli(t.ts()));
    ps.setString(i + 2, t.traceId());
    ps.setString(i + 3, t.spanId());
    ps.setString(i + 4, t.spanName());
    ps.setString(i + 5, t.service());
    ps.setString(i + 6, t.node());
    ps.setString(i + 7, t.domain());
    ps.setString(i + 8, t.route());
    ps.setInt(i + 9, t.status());
    ps.setInt(i + 10, t.error() ? 1 : 0);
    ps.setDouble(i + 11, t.durationMs());
  }

  private static void bindEvent(PreparedStatement ps, int i, BusinessEvent e) throws SQLException {
    ps.setLong(i, e.ts().toEpochMilli());
    ps.setInt(i + 1, nanoOfMilli(e.ts()));
    ps.setString(i + 2, e.type());
    ps.setString(i + 3, e.subject());
    ps.setString(i + 4, FlatJson.write(e.dimensions()));
    ps.setInt(i + 5, e.outcome().ordinal());
    Sql.setDouble(ps, i + 6, e.value());
    ps.setString(i + 7, e.service());
    ps.setString(i + 8, e.node());
  }

  private static void bindHeartbeat(PreparedStatement ps, int i, Heartbeat h) throws SQLException {
    ps.setString(i, h.name());
    ps.setString(i + 1, h.node());
    ps.setInt(i + 2, h.kind().ordinal());
    ps.setLong(i + 3, h.lastSeen().toEpochMilli());
    ps.setInt(i + 4, nanoOfMilli(h.lastSeen()));
    ps.setLong(i + 5, h.expectedInterval().toNanos());
    ps.setLong(i + 6, h.lastDuration().toNanos());
    ps.setInt(i + 7, h.ok() ? 1 : 0);
    ps.setString(i + 8, h.detail());
  }

  /** The insert column list: every column of the read list except the generated id. */
  private static String[] columns(String readColumns) {
    String[] all = readColumns.split(", ");
    return Arrays.copyOfRange(all, 1, all.length);
  }

  static int nanoOfMilli(Instant t) {
    return t.getNano() % 1_000_000;
  }

  static Instant instant(long millis, int nanoOfMilli) {
    return Instant.ofEpochMilli(millis).plusNanos(nanoOfMilli);
  }

  /** A WHERE clause built from fixed fragments; values only ever travel as bind parameters. */
  private static final class Filter {
    final List<String> conditions = new ArrayList<>();
    final List<Object> args = new ArrayList<>();

    void where(String condition, Object... values) {
      conditions.add(condition);
      args.addAll(List.of(values));
    }

    void equal(String column, String value) {
      if (value != null) {
        where(column + " = ?", value);
      }
    }

    void in(String column, List<Object> values) {
      conditions.add(column + " IN " + Sql.tuple(values.size(), null));
      args.addAll(values);
    }

    String sql() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
  }
}
