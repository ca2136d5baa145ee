package dev.telemetry.jdbc;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ADR 0044: the store's hand-written binding and mapping against Jdbi's, on the two hot paths.
 * <ul>
 *   <li><b>write</b>: upsert {@code rows} minute samples (with sketches) into {@code samples_minute}:
 *       the store's own {@code SampleTables.replace} (chunked multi-row {@code INSERT … VALUES (…), (…)
 *       ON CONFLICT …}), plain JDBC {@code addBatch}/{@code executeBatch} of the one-row upsert, and
 *       Jdbi's {@code PreparedBatch} with named {@code bind}s of the same upsert. Each invocation
 *       rolls back, so the table stays as set up.</li>
 *   <li><b>read</b>: a trend read, 1,440 minute rows of one metric and one node decoded into
 *       {@code MetricSample}s (label JSON parsed once per label set, sketch decoded): the store's
 *       {@code Sql.query} with a {@code ResultSet} lambda against Jdbi's {@code createQuery…bind…
 *       map(RowMapper).list()} running the same row decoding.</li>
 * </ul>
 * It lives in the store's package (in this module only) to drive the package-private classes
 * exactly as {@code JdbcStore} does. {@code dialect=postgresql} reads the URL from
 * {@code TELEMETRY_TEST_POSTGRES_URL}; its tables use a random prefix and are dropped at the end.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar JdbcBindingBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -p dialect=sqlite
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class JdbcBindingBenchmark {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final int TREND_MINUTES = 720;
  private static final String[] UPSERT_COLUMNS = {"bucket", "label_hash", "count", "sum", "min", "max", "last", "p50",
      "p95", "p99", "kind", "metric", "node", "labels", "sketch"};

  @Param({"sqlite", "postgresql"})
  public String dialect;

  /** Minute rows per write (a flush of 1,000 series-minutes). */
  @Param({"1000"})
  public int rows;

  private Path directory;
  private Connection connection;
  private Handle handle;
  private Tables tables;
  private SampleTables sampleTables;
  private List<MetricSample> batch;
  private String upsertSql;
  private String namedUpsertSql;
  private String trendSql;
  private List<Object> trendArgs;

  @Setup
  public void setUp() throws Exception {
    String prefix = "b" + Long.toHexString(new Random().nextLong() & 0xffffffL) + "_";
    Dialect d = dialect.equals("sqlite") ? Dialect.SQLITE : Dialect.POSTGRESQL;
    String url;
    if (d == Dialect.SQLITE) {
      directory = Files.createTempDirectory("telemetry-binding");
      url = "jdbc:sqlite:" + directory.resolve("telemetry.db");
    } else {
      url = System.getenv("TELEMETRY_TEST_POSTGRES_URL");
      if (url == null) {
        throw new IllegalStateException("dialect=postgresql needs TELEMETRY_TEST_POSTGRES_URL");
      }
    }
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build()) {
      List<MetricSample> trend = new ArrayList<>();
      for (int m = 0; m < TREND_MINUTES; m++) {
        for (String route : List.of("/a/{id}", "/b/{id}")) {
          trend.add(sample(T0.plusSeconds(60L * m), "node-1", Map.of("route", route, "method", "GET"), m));
        }
      }
      if (!store.write(new WriteBatch(UUID.randomUUID().toString(), "node-1", trend, List.of(), List.of(),
          List.of(), List.of())).success()) {
        throw new IllegalStateException("could not write the trend rows");
      }
    }
    connection = DriverManager.getConnection(url);
    connection.setAutoCommit(false);
    handle = Jdbi.open(connection);
    tables = new Tables(prefix);
    sampleTables = new SampleTables(d, tables);
    batch = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      batch.add(sample(T0.plusSeconds(86_400), "node-" + (i % 4),
          Map.of("route", "/r" + (i / 4) + "/{id}", "method", "GET", "status", "200"), i));
    }
    String cast = d == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
    String update = " ON CONFLICT (metric, bucket, node, label_hash) DO UPDATE SET count = excluded.count, "
        + "sum = excluded.sum, min = excluded.min, max = excluded.max, last = excluded.last, p50 = excluded.p50, "
        + "p95 = excluded.p95, p99 = excluded.p99, kind = excluded.kind, labels = excluded.labels, "
        + "sketch = excluded.sketch";
    String head = "INSERT INTO " + tables.samples(Resolution.MINUTE) + " (" + String.join(", ", UPSERT_COLUMNS)
        + ") VALUES ";
    upsertSql = head + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + cast + ", ?)" + update;
    StringBuilder named = new StringBuilder(head).append('(');
    for (int i = 0; i < UPSERT_COLUMNS.length; i++) {
      String p = ":" + UPSERT_COLUMNS[i];
      named.append(i > 0 ? ", " : "").append(i == 13 && d == Dialect.POSTGRESQL ? "CAST(" + p + " AS jsonb)" : p);
    }
    namedUpsertSql = named.append(')').append(update).toString();
    trendSql = "SELECT bucket, label_hash, count, sum, min, max, last, kind, metric, node, labels, sketch FROM "
        + tables.samples(Resolution.MINUTE) + " WHERE metric = ? AND bucket >= ? AND bucket < ? AND node = ?";
    trendArgs = List.of("http.server.duration", T0.toEpochMilli(), T0.plusSeconds(86_400).toEpochMilli(), "node-1");
  }

  @TearDown
  public void tearDown() throws Exception {
    connection.rollback();
    try (Statement s = connection.createStatement()) {
      for (String table : tables.all()) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
    connection.commit();
    handle.close();
    connection.close();
    if (directory != null) {
      try (var files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public void writeHandWrittenMultiRow() throws SQLException {
    sampleTables.replace(connection, batch);
    connection.rollback();
  }

  @Benchmark
  public int writeJdbcExecuteBatch() throws SQLException {
    int[] counts;
    try (PreparedStatement ps = connection.prepareStatement(upsertSql)) {
      for (MetricSample sample : batch) {
        Object[] row = columns(sample);
        for (int i = 0; i < row.length; i++) {
          Sql.set(ps, i + 1, row[i]);
        }
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    connection.rollback();
    return counts.length;
  }

  @Benchmark
  public int writeJdbiPreparedBatch() throws SQLException {
    PreparedBatch prepared = handle.prepareBatch(namedUpsertSql);
    for (MetricSample sample : batch) {
      Object[] row = columns(sample);
      for (int i = 0; i < row.length; i++) {
        Object value = row[i];
        if (value instanceof Sql.Null n) {
          prepared.bindNull(UPSERT_COLUMNS[i], n.sqlType());
        } else {
          prepared.bind(UPSERT_COLUMNS[i], value);
        }
      }
      prepared.add();
    }
    int[] counts = prepared.execute();
    connection.rollback();
    return counts.length;
  }

  @Benchmark
  public List<MetricSample> readHandWritten() throws SQLException {
    Map<Long, Map<String, String>> labelSets = new HashMap<>();
    List<MetricSample> out = Sql.query(connection, trendSql, trendArgs, rs -> decode(rs, labelSets));
    connection.rollback();
    return out;
  }

  @Benchmark
  public List<MetricSample> readJdbiRowMapper() throws SQLException {
    Map<Long, Map<String, String>> labelSets = new HashMap<>();
    var query = handle.createQuery(trendSql);
    for (int i = 0; i < trendArgs.size(); i++) {
      query.bind(i, trendArgs.get(i));
    }
    List<MetricSample> out = query.map((rs, ctx) -> decode(rs, labelSets)).list();
    connection.rollback();
    return out;
  }

  /** The decoding {@code SampleTables} does per row: label JSON once per set, the sketch each row. */
  private static MetricSample decode(ResultSet rs, Map<Long, Map<String, String>> labelSets) throws SQLException {
    Map<String, String> labels = labelSets.get(rs.getLong("label_hash"));
    if (labels == null) {
      labels = FlatJson.read(rs.getString("labels"));
      labelSets.put(rs.getLong("label_hash"), labels);
    }
    byte[] sketch = rs.getBytes("sketch");
    return new MetricSample(Instant.ofEpochMilli(rs.getLong("bucket")), Resolution.MINUTE, rs.getString("metric"),
        rs.getString("node"), labels, MetricKind.values()[rs.getInt("kind")], rs.getLong("count"), rs.getDouble("sum"),
        Sql.getDouble(rs, "min"), Sql.getDouble(rs, "max"), Sql.getDouble(rs, "last"),
        sketch == null ? null : LatencySketch.fromBytes(sketch));
  }

  /**
   * The upsert's parameters for one sample, NaN as a typed NULL, computed as the store computes
   * them (label JSON, its hash, quantiles, sketch bytes) so every variant does the same work.
   */
  private static Object[] columns(MetricSample s) {
    String labels = FlatJson.write(s.labels());
    return new Object[] {s.bucketStart().toEpochMilli(), SampleTables.labelHash(labels), s.count(), orNull(s.sum()),
        orNull(s.min()), orNull(s.max()), orNull(s.last()), orNull(s.quantile(0.5)), orNull(s.quantile(0.95)),
        orNull(s.quantile(0.99)), s.kind().ordinal(), s.metric(), s.node(), labels,
        s.sketch() == null ? new Sql.Null(Types.BINARY) : s.sketch().toBytes()};
  }

  private static Object orNull(double d) {
    return Double.isNaN(d) ? Sql.Null.FLOAT : d;
  }

  private static MetricSample sample(Instant bucket, String node, Map<String, String> labels, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LatencySketch sketch = new LatencySketch();
    int values = 1 + random.nextInt(200);
    double sum = 0;
    for (int i = 0; i < values; i++) {
      double x = Math.exp(random.nextGaussian() * 0.8 + 3);
      sum += x;
      sketch.record(x);
    }
    return new MetricSample(bucket, Resolution.MINUTE, "http.server.duration", node, labels, MetricKind.HISTOGRAM,
        values, sum, sketch.min(), sketch.max(), Double.NaN, sketch);
  }
}
