package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.testkit.StoreRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a file store can show: WAL mode, data surviving a restart, the schema migrated once. */
class SqliteStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  void keepsDataAcrossRestartsInAWalFileAndMigratesOnce() throws Exception {
    Path file = dir.resolve("nested/dir/telemetry.db");
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.write(StoreRows.samples(StoreRows.counter("a_total", T0, "n", Map.of("k", "v"), 2, 2))).success())
          .isTrue();
      store.write(StoreRows.logs(List.of(StoreRows.log(T0, LogLevel.ERROR, "d", "e", "m", null))));
    }
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.readSamples(SampleQuery.of("a_total", Resolution.MINUTE, T0, T0.plusSeconds(60))))
          .singleElement().satisfies(s -> assertThat(s.sum()).isEqualTo(2));
      assertThat(store.readLogs(LogQuery.range(T0, T0.plusSeconds(1), 10)).items()).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
      try (ResultSet rs = s.executeQuery("SELECT version FROM telemetry_schema_history ORDER BY version")) {
        for (int version = 1; version <= Schema.LATEST; version++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(version);
        }
        assertThat(rs.next()).as("one history row per version: the reopened store did not migrate again").isFalse();
      }
    }
  }

  @Test
  void commitsOnAHostPoolWhoseConnectionsComeWithAutoCommitOff() {
    Path file = dir.resolve("host-pool.db");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file);
    config.setAutoCommit(false);
    config.setMaximumPoolSize(2);
    try (HikariDataSource hostPool = new HikariDataSource(config);
        JdbcStore store = JdbcStore.builder().dataSource(hostPool).dialect(Dialect.SQLITE).build()) {
      assertThat(store.write(StoreRows.samples(StoreRows.counter("a_total", T0, "n", Map.of("k", "v"), 2, 2))).success())
          .isTrue();
    }
    try (JdbcStore reopened = JdbcStore.sqlite(file)) {
      assertThat(reopened.readSamples(SampleQuery.of("a_total", Resolution.MINUTE, T0, T0.plusSeconds(60))))
          .singleElement().satisfies(s -> assertThat(s.sum()).isEqualTo(2));
    }
  }

  @Test
  void upgradesAVersionOneFileSoWritesMarkTheirHourDirty() throws Exception {
    Path file = dir.resolve("v1.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String sql : Schema.statements(1, Dialect.SQLITE, new Tables("telemetry_"))) {
        s.execute(sql);
      }
      s.execute("CREATE TABLE telemetry_schema_history (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
          + "applied_at BIGINT NOT NULL)");
      s.execute("INSERT INTO telemetry_schema_history VALUES (1, 'telemetry schema v1', 0)");
    }
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.write(StoreRows.samples(StoreRows.counter("a_total", T0.plusSeconds(300), "n", Map.of(), 1, 1)))
          .success()).isTrue();
      assertThat(store.readDirtyBuckets(Resolution.HOUR, T0, T0.plusSeconds(3600), 10))
          .extracting(dev.telemetry.store.DirtyBucket::bucketStart).containsExactly(T0);
    }
  }

  @Test
  void storesTheConveniencePercentilesAndTheLabelHash() throws Exception {
    Path file = dir.resolve("t.db");
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      store.write(StoreRows.samples(StoreRows.histogram("lat_seconds", T0, "n", Map.of("route", "/a"), 0.1, 0.2, 0.3, 0.4)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT p50, p99, label_hash, labels FROM telemetry_samples_minute")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble("p50")).isBetween(0.19, 0.21);
      assertThat(rs.getDouble("p99")).isBetween(0.39, 0.41);
      assertThat(rs.getString("labels")).isEqualTo("{\"route\":\"/a\"}");
      assertThat(rs.getLong("label_hash")).isEqualTo(SampleTables.labelHash("{\"route\":\"/a\"}"));
    }
  }
}
