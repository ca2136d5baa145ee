package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * {@code Telemetry} over a JDBC store with a read DataSource (ADR 0054): its own read side (queries,
 * summary refresh, event analytics, freshness) reads through {@code store.forReads()}, so the
 * replica; its pipeline, rollups and retention use the primary. Two recording DataSources over
 * one SQLite file tell which was used for what.
 */
class SqliteReplicaTelemetryTest {
  private static final TrendQuery HOUR = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_HOUR));

  @TempDir
  Path dir;
  private final TestClock clock = TestClock.at(ClusterFixtures.T0);

  @Test
  void theTelemetryReadSideUsesTheReplicaAndItsWritesAndJobsThePrimary() {
    RecordingDataSource primary = new RecordingDataSource(sqlite());
    RecordingDataSource replica = new RecordingDataSource(sqlite());
    JdbcStore store = JdbcStore.builder().dataSource(primary.dataSource()).readDataSource(replica.dataSource())
        .dialect(Dialect.SQLITE).clock(clock).build();
    assertThat(store.forReads()).isNotSameAs(store);
    try (Telemetry node = ClusterFixtures.manualNode("node-a", store, clock)) {
      for (int minute = 0; minute < 70; minute++) {
        node.histogram(LATENCY).record(0.125, "route", "/pay");
        node.counter(REQUESTS).add(3, "route", "/pay");
        node.event("order_paid", null, Map.of(), Outcome.SUCCESS, 10);
        node.flush();
        clock.advance(Duration.ofMinutes(1));
      }
      node.rollups().runOnce();
      node.retention().runOnce();
      assertThat(replica.connections()).as("writes, rollups and retention on the replica").isZero();

      primary.reset();
      assertThat(node.queries().trend(HOUR).series()).isNotEmpty();
      node.summary().refresh();
      assertThat(node.events().types(QueryRange.last(TimeRange.LAST_24_HOURS), 10).types()).isNotEmpty();
      node.freshness();
      // the one exception: the summary's lease and shared part are read and written where the lease is taken (ADR 0058)
      assertThat(primary.uses()).as("the read side on the primary").isNotEmpty()
          .allSatisfy(use -> assertThat(use.sql()).as(use.sql()).contains(" " + store.tablePrefix() + "shared "));
      assertThat(replica.uses()).isNotEmpty().allSatisfy(use -> assertThat(use.isSelect()).as(use.sql()).isTrue());
    }
  }

  @Test
  void withoutAReadDataSourceTheReadViewIsTheStoreItself() {
    JdbcStore store = JdbcStore.builder().sqliteFile(dir.resolve("one.db")).clock(clock).build();
    try (store) {
      assertThat(store.forReads()).isSameAs(store);
    }
  }

  private SQLiteDataSource sqlite() {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("telemetry.db"));
    return ds;
  }
}
