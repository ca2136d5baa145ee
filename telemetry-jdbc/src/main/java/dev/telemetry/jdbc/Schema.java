package dev.telemetry.jdbc;

import dev.telemetry.store.Resolution;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDL of each schema version, per dialect. Versions only ever append: a released version's
 * statements never change, a new version adds statements (ALTER, CREATE INDEX …) on top.
 *
 * <p>Times are epoch milliseconds ({@code bigint}) in both dialects, so one set of queries,
 * cursors and retention cutoffs serves both; {@code *_nano} keeps the sub-millisecond part so an
 * {@code Instant} reads back equal. Booleans are 0/1 integers for the same reason.
 */
final class Schema {
  /** The version {@link #statements} reaches. */
  static final int LATEST = 6;

  private Schema() {}

  /** Statements taking the schema from {@code version - 1} to {@code version}. */
  static List<String> statements(int version, Dialect dialect, Tables t) {
    Types y = dialect == Dialect.POSTGRESQL ? Types.POSTGRESQL : Types.SQLITE;
    if (version == 6) {
      // Values one node computes for the cluster under a lease (ADR 0058: one summary per cluster).
      return List.of("CREATE TABLE " + t.shared + " (name " + y.text + " PRIMARY KEY, holder " + y.text
          + " NOT NULL, written_at " + y.int64 + " NOT NULL, lease_until " + y.int64 + " NOT NULL, payload " + y.bytes
          + " NOT NULL)" + y.withoutRowid);
    }
    if (version == 5) {
      // The rollup revision (ADR 0049): one row per name, changed with every hour or day sample
      // change, so every node's cache of closed chart steps sees another node's repair.
      return List.of("CREATE TABLE " + t.revisions + " (name " + y.text + " PRIMARY KEY, value " + y.int64
          + " NOT NULL)" + y.withoutRowid);
    }
    if (version == 4) {
      // Daily event rollups kept past the raw events (ADR 0051): one row per (day, type, dimension set).
      String d = t.eventDays;
      return List.of("CREATE TABLE " + d + " (day " + y.int64 + " NOT NULL, dims_hash " + y.int64 + " NOT NULL, count "
          + y.int64 + " NOT NULL, successes " + y.int64 + " NOT NULL, failures " + y.int64 + " NOT NULL, value_count "
          + y.int64 + " NOT NULL, value_sum " + y.float64 + " NOT NULL, negative_values " + y.int64 + " NOT NULL, type "
          + y.text + " NOT NULL, dimensions " + y.json + " NOT NULL, sketch " + y.bytes
          + ", PRIMARY KEY (day, type, dims_hash))" + y.withoutRowid,
          "CREATE INDEX " + d + "_type ON " + d + " (type, day)");
    }
    if (version == 3) {
      // Reads of one node, or of the node-merged rows (node '*', ADR 0018), without stepping over
      // every other node's rows of the same minutes: query cost independent of the node count.
      List<String> sql = new ArrayList<>();
      for (Resolution r : Resolution.values()) {
        sql.add("CREATE INDEX " + t.samples(r) + "_node ON " + t.samples(r) + " (metric, node, bucket)");
      }
      return sql;
    }
    if (version == 2) {
      // Rollup buckets whose finer samples changed since they were merged (late data, ADR 0012).
      return List.of("CREATE TABLE " + t.dirtyBuckets + " (resolution " + y.int16 + " NOT NULL, bucket " + y.int64
          + " NOT NULL, version " + y.int64 + " NOT NULL, PRIMARY KEY (resolution, bucket))" + y.withoutRowid);
    }
    if (version != 1) {
      throw new IllegalArgumentException("unknown schema version " + version);
    }
    List<String> sql = new ArrayList<>();
    sql.add("CREATE TABLE " + t.appliedBatches + " (batch_id " + y.text + " PRIMARY KEY, applied_at "
        + y.int64 + " NOT NULL)" + y.withoutRowid);
    sql.add("CREATE INDEX " + t.appliedBatches + "_at ON " + t.appliedBatches + " (applied_at)");
    for (Resolution r : Resolution.values()) {
      String s = t.samples(r);
      // Fixed-width columns first: PostgreSQL pads for alignment, so this order wastes nothing.
      sql.add("CREATE TABLE " + s + " (bucket " + y.int64 + " NOT NULL, label_hash " + y.int64 + " NOT NULL, "
          + "count " + y.int64 + " NOT NULL, sum " + y.float64 + " NOT NULL, min " + y.float64 + ", max "
          + y.float64 + ", last " + y.float64 + ", p50 " + y.float64 + ", p95 " + y.float64 + ", p99 "
          + y.float64 + ", kind " + y.int16 + " NOT NULL, metric " + y.text + " NOT NULL, node " + y.text
          + " NOT NULL, labels " + y.json + " NOT NULL, sketch " + y.bytes + ", "
          + "PRIMARY KEY (metric, bucket, node, label_hash))" + y.withoutRowid);
      sql.add("CREATE INDEX " + s + "_bucket ON " + s + " (bucket)");
    }
    String logs = t.logs;
    sql.add("CREATE TABLE " + logs + " (" + y.idAndTs + ", ts_nano " + y.int32 + " NOT NULL, level " + y.int16
        + " NOT NULL, service " + y.text + " NOT NULL, node " + y.text + " NOT NULL, domain " + y.text
        + " NOT NULL, event " + y.text + " NOT NULL, message " + y.text + " NOT NULL, trace_id " + y.text
        + ", span_id " + y.text + ", attrs " + y.json + " NOT NULL" + y.tsIdKey + ")");
    sql.addAll(timeIndexes(logs, y, "level", "domain", "service"));
    sql.add("CREATE INDEX " + logs + "_trace ON " + logs + " (trace_id) WHERE trace_id IS NOT NULL");

    String traces = t.traces;
    sql.add("CREATE TABLE " + traces + " (" + y.idAndTs + ", ts_nano " + y.int32 + " NOT NULL, duration_ms "
        + y.float64 + " NOT NULL, status " + y.int32 + " NOT NULL, error " + y.int16 + " NOT NULL, trace_id "
        + y.text + " NOT NULL, span_id " + y.text + ", span_name " + y.text + " NOT NULL, service " + y.text
        + " NOT NULL, node " + y.text + " NOT NULL, domain " + y.text + " NOT NULL, route " + y.text
        + " NOT NULL" + y.tsIdKey + ")");
    sql.addAll(timeIndexes(traces, y, "domain", "route"));
    sql.add("CREATE INDEX " + traces + "_trace ON " + traces + " (trace_id)");
    sql.add("CREATE INDEX " + traces + "_duration ON " + traces + " (duration_ms, ts)");
    sql.add("CREATE INDEX " + traces + "_errors ON " + traces + " (ts, id) WHERE error = 1 OR status >= 500");

    String events = t.events;
    sql.add("CREATE TABLE " + events + " (" + y.idAndTs + ", ts_nano " + y.int32 + " NOT NULL, value "
        + y.float64 + " NOT NULL, outcome " + y.int16 + " NOT NULL, type " + y.text + " NOT NULL, subject "
        + y.text + ", dimensions " + y.json + " NOT NULL, service " + y.text + " NOT NULL, node " + y.text
        + " NOT NULL" + y.tsIdKey + ")");
    sql.addAll(timeIndexes(events, y, "type"));

    sql.add("CREATE TABLE " + t.heartbeats + " (name " + y.text + " NOT NULL, node " + y.text + " NOT NULL, kind "
        + y.int16 + " NOT NULL, last_seen " + y.int64 + " NOT NULL, last_seen_nano " + y.int32
        + " NOT NULL, expected_ns " + y.int64 + " NOT NULL, duration_ns " + y.int64 + " NOT NULL, ok " + y.int16
        + " NOT NULL, detail " + y.text + " NOT NULL, PRIMARY KEY (name, node))" + y.withoutRowid);
    sql.add("CREATE INDEX " + t.heartbeats + "_seen ON " + t.heartbeats + " (last_seen)");
    sql.add("CREATE TABLE " + t.watermarks + " (name " + y.text + " PRIMARY KEY, value_ms " + y.int64
        + " NOT NULL, value_nano " + y.int32 + " NOT NULL)" + y.withoutRowid);
    return sql;
  }

  /** The time-ordered tables TimescaleDB turns into hypertables, with their time column. */
  static List<String[]> hypertables(Tables t) {
    List<String[]> out = new ArrayList<>();
    for (Resolution r : Resolution.values()) {
      out.add(new String[] {t.samples(r), "bucket"});
    }
    out.add(new String[] {t.logs, "ts"});
    out.add(new String[] {t.traces, "ts"});
    out.add(new String[] {t.events, "ts"});
    return out;
  }

  /** (ts, id) for unfiltered newest-first pages, and (column, ts, id) per equality filter. */
  private static List<String> timeIndexes(String table, Types y, String... filters) {
    List<String> sql = new ArrayList<>();
    if (y == Types.SQLITE) {
      // PostgreSQL's primary key (ts, id) already serves this; SQLite's key is the rowid alone.
      sql.add("CREATE INDEX " + table + "_ts ON " + table + " (ts, id)");
    }
    for (String column : filters) {
      sql.add("CREATE INDEX " + table + "_" + column + "_ts ON " + table + " (" + column + ", ts, id)");
    }
    return sql;
  }

  /** Column types and key shapes of one dialect. */
  private enum Types {
    POSTGRESQL("bigint", "integer", "smallint", "double precision", "text", "bytea", "jsonb", "",
        // The key holds the time column, as TimescaleDB requires of a hypertable's unique indexes.
        "ts bigint NOT NULL, id bigint GENERATED ALWAYS AS IDENTITY", ", PRIMARY KEY (ts, id)"),
    // INTEGER PRIMARY KEY is the rowid: ids only grow while the newest row exists (retention
    // deletes the oldest), which is what cursors need.
    SQLITE("INTEGER", "INTEGER", "INTEGER", "REAL", "TEXT", "BLOB", "TEXT", " WITHOUT ROWID",
        "id INTEGER PRIMARY KEY, ts INTEGER NOT NULL", "");

    final String int64;
    final String int32;
    final String int16;
    final String float64;
    final String text;
    final String bytes;
    final String json;
    final String withoutRowid;
    final String idAndTs;
    final String tsIdKey;

    Types(String int64, String int32, String int16, String float64, String text, String bytes, String json,
        String withoutRowid, String idAndTs, String tsIdKey) {
      this.int64 = int64;
      this.int32 = int32;
      this.int16 = int16;
      this.float64 = float64;
      this.text = text;
      this.bytes = bytes;
      this.json = json;
      this.withoutRowid = withoutRowid;
      this.idAndTs = idAndTs;
      this.tsIdKey = tsIdKey;
    }
  }
}
