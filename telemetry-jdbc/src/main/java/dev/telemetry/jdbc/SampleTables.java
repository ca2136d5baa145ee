package dev.telemetry.jdbc;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Metric samples: one table per resolution keyed by {@code (metric, bucket, node, label_hash)}.
 *
 * <p>{@link #merge} reads the rows a batch touches (locking them on PostgreSQL), merges in Java
 * (sketches cannot be merged in SQL) and upserts the result; {@link #replace} upserts as is.
 * Within one call, samples with equal keys are combined first: one multi-row upsert may not touch
 * a row twice.
 */
final class SampleTables {
  private static final String COLUMNS = "bucket, label_hash, count, sum, min, max, last, kind, metric, node, labels, sketch";
  private static final String[] INSERT_COLUMNS = {"bucket", "label_hash", "count", "sum", "min", "max", "last", "p50",
      "p95", "p99", "kind", "metric", "node", "labels", "sketch"};
  private static final MetricKind[] KINDS = MetricKind.values();
  /** Label keys safe to name inside an SQLite JSON path (contract keys always are). */
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final Dialect dialect;
  private final Tables tables;
  private final Map<Resolution, MultiRowInsert<Row>> upserts = new EnumMap<>(Resolution.class);

  SampleTables(Dialect dialect, Tables tables) {
    this.dialect = dialect;
    this.tables = tables;
    String[] casts = new String[INSERT_COLUMNS.length];
    if (dialect == Dialect.POSTGRESQL) {
      casts[13] = "jsonb";
    }
    StringBuilder update = new StringBuilder("ON CONFLICT (metric, bucket, node, label_hash) DO UPDATE SET ");
    for (int i = 2; i < INSERT_COLUMNS.length; i++) {
      if (!INSERT_COLUMNS[i].equals("metric") && !INSERT_COLUMNS[i].equals("node")) {
        update.append(i > 2 ? ", " : "").append(INSERT_COLUMNS[i]).append(" = excluded.").append(INSERT_COLUMNS[i]);
      }
    }
    for (Resolution r : Resolution.values()) {
      upserts.put(r, new MultiRowInsert<>(tables.samples(r), INSERT_COLUMNS, casts, update.toString(),
          SampleTables::bind));
    }
  }

  /** Merges samples into what is stored (the {@code write} semantics). */
  void merge(Connection c, List<MetricSample> samples) throws SQLException {
    for (Map.Entry<Resolution, Map<Key, Row>> byResolution : combine(samples).entrySet()) {
      Resolution resolution = byResolution.getKey();
      Map<Key, Row> rows = byResolution.getValue();
      mergeStored(c, resolution, rows);
      upserts.get(resolution).insert(c, new ArrayList<>(rows.values()));
    }
  }

  /** Overwrites stored samples with these (the {@code replaceSamples} semantics). */
  void replace(Connection c, List<MetricSample> samples) throws SQLException {
    Map<Resolution, Map<Key, Row>> byResolution = new EnumMap<>(Resolution.class);
    for (MetricSample s : samples) {
      Row row = new Row(s);
      byResolution.computeIfAbsent(s.resolution(), r -> new LinkedHashMap<>()).put(row.key, row);
    }
    for (Map.Entry<Resolution, Map<Key, Row>> e : byResolution.entrySet()) {
      upserts.get(e.getKey()).insert(c, new ArrayList<>(e.getValue().values()));
    }
  }

  List<MetricSample> read(Connection c, SampleQuery q) throws SQLException {
    String table = tables.samples(q.resolution());
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(table);
    if (q.node() != null && dialect == Dialect.SQLITE) {
      // Without statistics SQLite prefers the primary key (metric, bucket, …), which steps over every
      // node's rows of each minute; one node (or the node-merged rows) needs (metric, node, bucket).
      sql.append(" INDEXED BY ").append(table).append("_node");
    }
    sql.append(" WHERE metric = ? AND bucket >= ? AND bucket < ?");
    List<Object> args = new ArrayList<>(List.of(q.metric(), q.from().toEpochMilli(), q.to().toEpochMilli()));
    // no node: every node's own rows, never the node-merged ones (SampleQuery.CLUSTER)
    sql.append(q.node() != null ? " AND node = ?" : " AND node <> ?");
    args.add(q.node() != null ? q.node() : SampleQuery.CLUSTER);
    if (!q.labelFilter().isEmpty()) {
      if (dialect == Dialect.POSTGRESQL) {
        sql.append(" AND labels @> CAST(? AS jsonb)");
        args.add(FlatJson.write(q.labelFilter()));
      } else {
        for (Map.Entry<String, String> e : q.labelFilter().entrySet()) {
          if (PLAIN_KEY.matcher(e.getKey()).matches()) {
            sql.append(" AND json_extract(labels, ?) = ?");
            args.add("$.\"" + e.getKey() + "\"");
            args.add(e.getValue());
          }
        }
      }
    }
    List<MetricSample> out = new ArrayList<>();
    // A chart reads thousands of rows of a few label sets: parse each set's JSON once per read.
    Map<Long, Map<String, String>> labelSets = new HashMap<>();
    for (MetricSample s : Sql.query(c, sql.toString(), args, rs -> sample(rs, q.resolution(), labelSets))) {
      if (q.matches(s)) { // exact semantics whatever the SQL pre-filter could express
        out.add(s);
      }
    }
    return out;
  }

  long deleteOlderThan(Connection c, Resolution resolution, Instant cutoff, int maxRows) throws SQLException {
    String t = tables.samples(resolution);
    return Sql.update(c, "DELETE FROM " + t + " WHERE (metric, bucket, node, label_hash) IN (SELECT metric, bucket, "
        + "node, label_hash FROM " + t + " WHERE bucket < ? ORDER BY bucket LIMIT ?)",
        List.of(cutoff.toEpochMilli(), maxRows));
  }

  private static Map<Resolution, Map<Key, Row>> combine(List<MetricSample> samples) {
    Map<Resolution, Map<Key, Row>> out = new EnumMap<>(Resolution.class);
    for (MetricSample s : samples) {
      Row row = new Row(s);
      out.computeIfAbsent(s.resolution(), r -> new LinkedHashMap<>())
          .merge(row.key, row, (a, b) -> new Row(a.sample.mergedWith(b.sample), a.key, a.labelsJson));
    }
    return out;
  }

  /** Replaces each row that already exists with stored ⊕ new, one query per (metric, bucket, node). */
  private void mergeStored(Connection c, Resolution resolution, Map<Key, Row> rows) throws SQLException {
    Map<Key, Map<Long, Key>> groups = new LinkedHashMap<>();
    for (Key k : rows.keySet()) {
      groups.computeIfAbsent(new Key(k.metric, k.bucket, k.node, 0), g -> new HashMap<>()).put(k.labelHash, k);
    }
    lockClusterGroups(c, resolution, groups.keySet());
    String sql = "SELECT " + COLUMNS + " FROM " + tables.samples(resolution)
        + " WHERE metric = ? AND bucket = ? AND node = ?" + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<Key, Map<Long, Key>> group : groups.entrySet()) {
        Key g = group.getKey();
        ps.setString(1, g.metric);
        ps.setLong(2, g.bucket);
        ps.setString(3, g.node);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Key key = group.getValue().get(rs.getLong("label_hash"));
            if (key != null) {
              Row fresh = rows.get(key);
              rows.put(key, new Row(sample(rs, resolution, null).mergedWith(fresh.sample), key, fresh.labelsJson));
            }
          }
        }
      }
    }
  }

  /**
   * Node-merged rows (ADR 0018) are the one kind of sample row that several nodes write. Row locks
   * ({@code FOR UPDATE}) cannot cover a row that does not exist yet: two nodes creating the same
   * minute's row would both read nothing and the later upsert would overwrite the earlier one. So on
   * PostgreSQL a transaction first takes an advisory lock per node-merged (metric, bucket) group,
   * in one global order (no deadlock), held to the commit. SQLite serialises writers already.
   */
  private void lockClusterGroups(Connection c, Resolution resolution, Set<Key> groups) throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return;
    }
    long[] locks = groups.stream().filter(g -> SampleQuery.CLUSTER.equals(g.node))
        .mapToLong(g -> labelHash(tables.samples(resolution) + '\n' + g.metric + '\n' + g.bucket)).sorted().toArray();
    if (locks.length == 0) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      for (long lock : locks) {
        ps.setLong(1, lock);
        ps.executeQuery().close();
      }
    }
  }

  /** One row as a sample; {@code labelSets}, when given, caches parsed label sets by label hash. */
  private static MetricSample sample(ResultSet rs, Resolution resolution, Map<Long, Map<String, String>> labelSets)
      throws SQLException {
    byte[] sketch = rs.getBytes("sketch");
    Map<String, String> labels;
    if (labelSets == null) {
      labels = FlatJson.read(rs.getString("labels"));
    } else {
      long hash = rs.getLong("label_hash");
      labels = labelSets.get(hash);
      if (labels == null) {
        // canonical (sorted, unmodifiable) once, so every sample of the set shares it without copying
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(FlatJson.read(rs.getString("labels"))));
        labelSets.put(hash, labels);
      }
    }
    return new MetricSample(Instant.ofEpochMilli(rs.getLong("bucket")), resolution, rs.getString("metric"),
        rs.getString("node"), labels, KINDS[rs.getInt("kind")], rs.getLong("count"),
        rs.getDouble("sum"), Sql.getDouble(rs, "min"), Sql.getDouble(rs, "max"), Sql.getDouble(rs, "last"),
        sketch == null ? null : LatencySketch.fromBytes(sketch));
  }

  private static void bind(PreparedStatement ps, int i, Row row) throws SQLException {
    MetricSample s = row.sample;
    ps.setLong(i, row.key.bucket);
    ps.setLong(i + 1, row.key.labelHash);
    ps.setLong(i + 2, s.count());
    Sql.setDouble(ps, i + 3, s.sum());
    Sql.setDouble(ps, i + 4, s.min());
    Sql.setDouble(ps, i + 5, s.max());
    Sql.setDouble(ps, i + 6, s.last());
    Sql.setDouble(ps, i + 7, s.quantile(0.50));
    Sql.setDouble(ps, i + 8, s.quantile(0.95));
    Sql.setDouble(ps, i + 9, s.quantile(0.99));
    ps.setInt(i + 10, s.kind().ordinal());
    ps.setString(i + 11, s.metric());
    ps.setString(i + 12, s.node());
    ps.setString(i + 13, row.labelsJson);
    if (s.sketch() == null) {
      ps.setNull(i + 14, Types.BINARY);
    } else {
      ps.setBytes(i + 14, s.sketch().toBytes());
    }
  }

  /** 64 bits of SHA-256 over the canonical label JSON: stable across versions and platforms. */
  static long labelHash(String labelsJson) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(labelsJson.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The primary key of a sample within its resolution's table. */
  private record Key(String metric, long bucket, String node, long labelHash) {}

  /** A sample with its key and canonical label JSON computed once. */
  private static final class Row {
    final MetricSample sample;
    final Key key;
    final String labelsJson;

    Row(MetricSample s) {
      this.sample = s;
      this.labelsJson = FlatJson.write(s.labels());
      this.key = new Key(s.metric(), s.bucketStart().toEpochMilli(), s.node(), labelHash(labelsJson));
    }

    Row(MetricSample s, Key key, String labelsJson) {
      this.sample = s;
      this.key = key;
      this.labelsJson = labelsJson;
    }
  }
}
