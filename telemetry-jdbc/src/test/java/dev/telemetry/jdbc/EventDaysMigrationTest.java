package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.testkit.StoreRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store at schema v3 (before event day rollups) migrates to v4 in one step on first use: its
 * events stay readable, the event day table exists and works, and the history records v4 once.
 */
class EventDaysMigrationTest {
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void migratesAVersionThreeSqliteFileToEventDayRollups() throws Exception {
    Path file = dir.resolve("v3.db");
    String url = "jdbc:sqlite:" + file;
    try (Connection c = DriverManager.getConnection(url)) {
      createVersionThree(c, Dialect.SQLITE, new Tables("telemetry_"));
    }
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertMigratedAndUsable(store);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(versions(c, "telemetry_")).containsExactlyElementsOf(allVersions());
    }
  }

  @Test
  void migratesAVersionThreePostgresSchemaToEventDayRollups() throws Exception {
    String url = TestDatabases.requirePostgres();
    String prefix = TestDatabases.uniquePrefix();
    try {
      try (Connection c = DriverManager.getConnection(url)) {
        createVersionThree(c, Dialect.POSTGRESQL, new Tables(prefix));
      }
      try (JdbcStore store = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build()) {
        assertMigratedAndUsable(store);
      }
      try (Connection c = DriverManager.getConnection(url)) {
        assertThat(versions(c, prefix)).containsExactlyElementsOf(allVersions());
      }
    } finally {
      TestDatabases.dropPostgresTables(url, prefix);
    }
  }

  /** The tables of v1 to v3 as those versions left them, with one event in them. */
  private static void createVersionThree(Connection c, Dialect dialect, Tables t) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int version = 1; version <= 3; version++) {
        for (String sql : Schema.statements(version, dialect, t)) {
          s.execute(sql);
        }
      }
      s.execute("CREATE TABLE " + t.history + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
          + "applied_at BIGINT NOT NULL)");
      for (int version = 1; version <= 3; version++) {
        s.execute("INSERT INTO " + t.history + " VALUES (" + version + ", 'telemetry schema v" + version + "', 0)");
      }
      s.execute("INSERT INTO " + t.events + " (ts, ts_nano, value, outcome, type, subject, dimensions, service, node) "
          + "VALUES (" + DAY.plusSeconds(60).toEpochMilli() + ", 0, 2.5, 1, 'deployment_created', NULL, "
          + (dialect == Dialect.POSTGRESQL ? "CAST('{\"network\":\"mainnet\"}' AS jsonb)" : "'{\"network\":\"mainnet\"}'")
          + ", 'svc', 'node-a')");
    }
  }

  private static void assertMigratedAndUsable(JdbcStore store) {
    assertThat(store.readEvents(new EventQuery(null, DAY, DAY.plus(Duration.ofDays(1)), 10)))
        .singleElement().satisfies(e -> {
          assertThat(e.type()).isEqualTo("deployment_created");
          assertThat(e.dimensions()).isEqualTo(Map.of("network", "mainnet"));
        });
    EventDayRollup row = new EventDayRollup(DAY, "deployment_created", Map.of("network", "mainnet"), 1, 1, 0, 1, 2.5,
        0, null);
    assertThat(store.replaceEventDays(DAY, List.of(row)).success()).isTrue();
    assertThat(store.readEventDays("deployment_created", DAY, DAY.plus(Duration.ofDays(1)), 10)).containsExactly(row);
    assertThat(store.write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(StoreRows.event(
        DAY.plusSeconds(120), "deployment_created", null, Map.of(), Outcome.SUCCESS)), List.of())).success()).isTrue();
  }

  private static List<Integer> versions(Connection c, String prefix) throws SQLException {
    List<Integer> out = new java.util.ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + prefix + "schema_history ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  /** Every version from 1 to the latest: the migration applies v4 and whatever follows it. */
  private static List<Integer> allVersions() {
    return IntStream.rangeClosed(1, Schema.LATEST).boxed().toList();
  }
}
