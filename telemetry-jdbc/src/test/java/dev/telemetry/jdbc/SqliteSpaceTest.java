package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionJob.RetentionReport;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.WriteBatch;
import dev.telemetry.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Space on disk: new files reclaim what retention deletes; older files are left as they are. */
class SqliteSpaceTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  void createsNewFilesWithIncrementalAutoVacuum() throws Exception {
    Path file = dir.resolve("new.db");
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      store.readWatermark("rollup.hour");
    }
    assertThat(pragma(file, "auto_vacuum")).isEqualTo(2); // INCREMENTAL
  }

  @Test
  void retentionGivesTheSpaceOfDeletedRowsBackToTheFile() throws Exception {
    Path file = dir.resolve("telemetry.db");
    TestClock clock = TestClock.at(T0);
    try (JdbcStore store = JdbcStore.builder().sqliteFile(file).clock(clock).build()) {
      writeEvents(store, 20_000);
      store.reclaimSpace(); // checkpoints the WAL, so the file holds every page
      long full = onDisk(file);
      StoreStats stats = store.stats();
      assertThat(stats.databaseBytes()).isEqualTo(Files.size(file));
      assertThat(stats.tables()).filteredOn(t -> t.name().equals("telemetry_events")).singleElement()
          .satisfies(t -> {
            assertThat(t.rows()).isEqualTo(20_000L);
            assertThat(t.bytes()).isPositive().isLessThan(full);
          });

      clock.advance(Duration.ofDays(31));
      RetentionReport report = RetentionJob.builder(store, clock, Duration.ofDays(30)).build().runOnce();

      assertThat(report.deleted().get(DataKind.EVENTS)).isEqualTo(20_000);
      long after = onDisk(file);
      assertThat(report.reclaimedBytes()).isPositive();
      assertThat(after).as("bytes on disk after retention, before: " + full).isLessThan(full / 4);
      assertThat(store.stats().reclaimableBytes()).isZero();
      assertThat(store.readWatermark(RetentionJob.LAST_RUN_WATERMARK)).contains(clock.instant());
    }
  }

  @Test
  void reclaimsSpaceThroughPlainJdbcWhenTheDriverConnectionIsHidden() throws Exception {
    // A pool that hides the driver's connection (unwrap refuses): reclaiming falls back to one
    // JDBC execution per free page and must free every page all the same.
    Path file = dir.resolve("wrapped.db");
    org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + file);
    javax.sql.DataSource hiding = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
          Object result = method.invoke(sqlite, args);
          return result instanceof Connection c ? hidden(c) : result;
        });
    TestClock clock = TestClock.at(T0);
    try (JdbcStore store = JdbcStore.builder().dataSource(hiding).dialect(Dialect.SQLITE).clock(clock).build()) {
      writeEvents(store, 10_000);
      clock.advance(Duration.ofDays(31));
      RetentionReport report = RetentionJob.builder(store, clock, Duration.ofDays(30)).build().runOnce();

      assertThat(report.reclaimedBytes()).isPositive();
      assertThat(store.stats().reclaimableBytes()).isZero();
    }
  }

  private static Connection hidden(Connection c) {
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(SqliteSpaceTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
            throw new java.sql.SQLException("hidden");
          }
          try {
            return method.invoke(c, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void leavesFilesCreatedWithoutAutoVacuumAsTheyAre() throws Exception {
    Path file = dir.resolve("host.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE host_table (id INTEGER PRIMARY KEY)"); // the host's file, made before the store
    }
    TestClock clock = TestClock.at(T0);
    try (JdbcStore store = JdbcStore.builder().sqliteFile(file).clock(clock).build()) {
      writeEvents(store, 5_000);
      clock.advance(Duration.ofDays(31));
      RetentionReport report = RetentionJob.builder(store, clock, Duration.ofDays(30)).build().runOnce();

      assertThat(report.deleted().get(DataKind.EVENTS)).isEqualTo(5_000);
      assertThat(report.reclaimedBytes()).isZero();
      assertThat(store.stats().reclaimableBytes()).isPositive();
    }
    assertThat(pragma(file, "auto_vacuum")).isZero();
  }

  private static void writeEvents(JdbcStore store, int n) {
    List<BusinessEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(new BusinessEvent(T0.minusSeconds(i % 86_400), "link_processed", "subject-" + (i % 500),
          Map.of("domain", "example-" + (i % 50) + ".org", "status", i % 10 == 0 ? "failed" : "ok"),
          Outcome.SUCCESS, i % 1000, "svc", "node-a"));
      if (events.size() == 5_000) {
        assertThat(store.write(new WriteBatch("b" + i, "node-a", List.of(), List.of(), List.of(), events, List.of()))
            .success()).isTrue();
        events = new ArrayList<>(n);
      }
    }
  }

  private static long onDisk(Path file) throws Exception {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }

  private static int pragma(Path file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
