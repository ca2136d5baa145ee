package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.SelfMetrics;
import dev.telemetry.Telemetry;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.StoreResult;
import dev.telemetry.testkit.StoreRows;
import dev.telemetry.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * An SQLite file that stops taking writes after the host started: the disk is full, the file is
 * read-only, or its directory cannot be created yet. Writes fail as retryable, the host's record
 * path neither throws nor slows, failures are counted, and once the file takes writes again every
 * queued value arrives exactly once.
 *
 * <p>The faults are injected at SQLite's level (a page limit at the file's current size, a
 * read-only open), because permission bits do not bind a root test runner and a full disk cannot
 * be made portably; SQLite answers exactly as for the real conditions ({@code SQLITE_FULL},
 * {@code SQLITE_READONLY}).
 */
@Timeout(60)
class SqliteFaultTest {
  @TempDir
  Path dir;

  private final TestClock clock = TestClock.at(ClusterFixtures.T0);

  /** An unpooled SQLite data source whose next connections can be made full or read-only. */
  static final class FaultySqlite extends SQLiteDataSource {
    volatile boolean diskFull;

    FaultySqlite(Path file) {
      super(walConfig());
      setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static SQLiteConfig walConfig() {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setBusyTimeout(5000);
      return config;
    }

    @Override
    public SQLiteConnection getConnection(String user, String password) throws SQLException {
      SQLiteConnection c = super.getConnection(user, password);
      if (diskFull) {
        try (Statement s = c.createStatement()) {
          // The file may not grow by a single page: the next insert that needs one fails with SQLITE_FULL.
          s.execute("PRAGMA max_page_count = 1");
        }
      }
      return c;
    }
  }

  private Telemetry node(JdbcStore store) {
    return ClusterFixtures.manualNode("node-a", store, clock);
  }

  private static void recordOneMinute(Telemetry node, int minute) {
    Counter requests = node.counter(REQUESTS);
    Histogram latency = node.histogram(LATENCY);
    for (int route = 0; route < 50; route++) {
      requests.add(1, "route", "/r" + route);
      latency.record(0.01 * (route + 1), "route", "/r" + route);
    }
    node.error("billing", "invoice_failed", "invoice " + minute + " failed");
  }

  private static long storedRequests(JdbcStore store) {
    return (long) ClusterFixtures.totalSum(store, REQUESTS);
  }

  private static long storedLatencyCount(JdbcStore store) {
    return ClusterFixtures.minuteSamples(store, LATENCY, null).stream().mapToLong(MetricSample::count).sum();
  }

  private static int storedLogs(JdbcStore store) {
    return store.readLogs(LogQuery.range(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100)).items().size();
  }

  /** A batch that needs new pages: small rows can still fit in the free space of a full file. */
  private static dev.telemetry.store.WriteBatch largeBatch(Instant bucket) {
    MetricSample[] rows = new MetricSample[500];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = StoreRows.counter("probe_total", bucket, "n", Map.of("k", "value-" + i), 1, 1);
    }
    return StoreRows.samples(rows);
  }

  /** Records and flushes {@code minutes} minutes while the store refuses, then lets it recover. */
  private void failThenRecover(JdbcStore store, Runnable breakIt, Runnable fixIt) {
    Telemetry node = node(store);
    recordOneMinute(node, 0);
    node.flush();
    assertThat(storedRequests(store)).as("written before the fault").isEqualTo(50);

    breakIt.run();
    int faultyMinutes = 3;
    for (int minute = 1; minute <= faultyMinutes; minute++) {
      clock.advance(Duration.ofMinutes(1));
      int m = minute;
      assertThatCode(() -> recordOneMinute(node, m)).as("the record path never throws").doesNotThrowAnyException();
      assertThatCode(node::flush).doesNotThrowAnyException();
    }
    StoreResult direct = store.write(largeBatch(clock.instant()));
    assertThat(direct.success()).isFalse();
    assertThat(direct.retryable()).as("worth retrying once the operator fixes the disk: %s", direct.message())
        .isTrue();
    SelfMetrics during = node.selfMetrics();
    assertThat(during.writeFailures()).as("every failed write is counted").isGreaterThanOrEqualTo(faultyMinutes);
    assertThat(during.queueDepth()).as("the batches wait in memory").isPositive();
    assertThat(during.droppedRows() + during.droppedSamples()).isZero();
    assertThat(storedRequests(store)).as("nothing written while broken").isEqualTo(50);

    fixIt.run();
    clock.advance(Duration.ofMinutes(1));
    node.flush();

    assertThat(node.selfMetrics().queueDepth()).isZero();
    assertThat(storedRequests(store)).isEqualTo(50L * (faultyMinutes + 1));
    assertThat(storedLatencyCount(store)).isEqualTo(50L * (faultyMinutes + 1));
    assertThat(storedLogs(store)).isEqualTo(faultyMinutes + 1);
    node.close();
  }

  @Test
  void aFullDiskFailsWritesAsRetryableAndDataFlowsAgainOnceThereIsRoom() {
    FaultySqlite db = new FaultySqlite(dir.resolve("full.db"));
    JdbcStore store = JdbcStore.builder().dataSource(db).dialect(Dialect.SQLITE).build();
    failThenRecover(store, () -> db.diskFull = true, () -> db.diskFull = false);
  }

  @Test
  void aFileMadeReadOnlyFailsWritesAsRetryableAndDataFlowsAgainOnceWritable() {
    FaultySqlite db = new FaultySqlite(dir.resolve("readonly.db"));
    JdbcStore store = JdbcStore.builder().dataSource(db).dialect(Dialect.SQLITE).build();
    failThenRecover(store, () -> db.setReadOnly(true), () -> db.setReadOnly(false));
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedAtStartIsCreatedOnceItCan() throws Exception {
    Path blocker = dir.resolve("data");
    Files.writeString(blocker, "a file where the data directory should be");
    Path file = blocker.resolve("telemetry.db");

    JdbcStore store = JdbcStore.builder().sqliteFile(file).connectionTimeout(Duration.ofMillis(250)).build();
    Telemetry node = node(store);
    recordOneMinute(node, 0);
    assertThatCode(node::flush).doesNotThrowAnyException();
    assertThat(node.selfMetrics().writeFailures()).isEqualTo(1);
    assertThat(node.selfMetrics().queueDepth()).isEqualTo(1);
    StoreResult direct = store.write(StoreRows.samples(StoreRows.counter("probe_total", clock.instant(), "n",
        Map.of(), 1, 1)));
    assertThat(direct.retryable()).as(direct.message()).isTrue();

    Files.delete(blocker); // the operator fixes the mount
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (node.selfMetrics().queueDepth() > 0 && System.nanoTime() < deadline) {
      node.flush(); // the pool backs off between failed connection attempts, as after any outage
    }

    assertThat(node.selfMetrics().queueDepth()).isZero();
    assertThat(Files.isRegularFile(file)).isTrue();
    assertThat(storedRequests(store)).isEqualTo(50);
    assertThat(storedLogs(store)).isEqualTo(1);
    node.close();
  }

  @Test
  void readOnlyOpenReallyRefusesWrites() throws Exception {
    // Guards the fault injection itself: a test that cannot fail is a defect.
    FaultySqlite db = new FaultySqlite(dir.resolve("guard.db"));
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    db.setReadOnly(true);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("readonly");
    }
  }
}
