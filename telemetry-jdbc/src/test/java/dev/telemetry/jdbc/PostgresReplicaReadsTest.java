package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A read DataSource for dashboard reads (ADR 0054), proved on one PostgreSQL through two recording
 * DataSources: the "replica" sees only read-only SELECTs, the primary sees no dashboard read.
 */
class PostgresReplicaReadsTest {
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
  private static String url;
  private final String prefix = TestDatabases.uniquePrefix();
  private final TestClock clock = TestClock.at(ClusterFixtures.T0);

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @AfterEach
  void dropTables() throws Exception {
    TestDatabases.dropPostgresTables(url, prefix);
  }

  @Test
  void dashboardReadsGoOnlyToTheReplicaAndWritesRollupsAndMigrationsOnlyToThePrimary() {
    RecordingDataSource primary = new RecordingDataSource(postgres());
    RecordingDataSource replica = new RecordingDataSource(postgres());
    JdbcStore store = JdbcStore.builder().dataSource(primary.dataSource()).readDataSource(replica.dataSource())
        .dialect(Dialect.POSTGRESQL).tablePrefix(prefix).clock(clock).build();
    Telemetry node = ClusterFixtures.manualNode("node-a", store, clock);
    for (int minute = 0; minute < 70; minute++) {
      node.histogram(LATENCY).record(0.125, "route", "/pay");
      node.counter(REQUESTS).add(3, "route", "/pay");
      node.warn("payments", "slow_call", "provider took long");
      node.event("order_paid", null, Map.of(), Outcome.SUCCESS, 10);
      node.flush();
      clock.advance(Duration.ofMinutes(1));
    }
    RollupJob.builder(store, ClusterFixtures.contract(), clock).build().runOnce();
    store.deleteOlderThan(DataKind.APPLIED_BATCHES, Instant.EPOCH, 100);

    assertThat(replica.connections()).as("writes, rollups, retention and migrations on the replica").isZero();
    assertThat(store.readWatermark(Watermarks.HOUR)).as("the rollup ran").isPresent();

    primary.reset();
    TelemetryStore view = store.forReads();
    TelemetryQueries charts = TelemetryQueries.builder(view, ClusterFixtures.contract(), clock, Duration.ofDays(30))
        .build();
    TrendQuery hour = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_HOUR));
    TrendQuery week = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS));
    Trend lastHour = charts.trend(hour);
    Trend lastWeek = charts.trend(week);
    charts.trend(week); // served from closed steps, the revision read again
    SummaryService.builder(view, ClusterFixtures.contract(), clock, ClusterFixtures.T0).node("node-a").build()
        .refresh();
    assertThat(view.readLogs(LogQuery.range(Instant.EPOCH, FAR, 10)).items()).isNotEmpty();
    view.readTraces(TraceQuery.range(Instant.EPOCH, FAR, 10));
    assertThat(view.readEvents(new EventQuery("order_paid", Instant.EPOCH, FAR, 100))).hasSize(70);
    assertThat(view.readEventTypes(Instant.EPOCH, FAR, 10)).isNotEmpty();
    view.readEventDays(null, Instant.EPOCH, FAR, 10);
    assertThat(view.readHeartbeats()).isNotNull();
    assertThat(view.stats().tables()).isNotEmpty();
    assertThat(view.readWatermark(Watermarks.HOUR)).isPresent();
    view.readDirtyBuckets(Resolution.HOUR, Instant.EPOCH, FAR, 10);
    assertThat(view.rollupRevision()).isPresent();

    assertThat(primary.connections()).as("dashboard reads on the primary").isZero();
    assertThat(replica.uses()).isNotEmpty().allSatisfy(use -> {
      assertThat(use.readOnly()).as("read-only connection for %s", use.sql()).isTrue();
      assertThat(use.isSelect()).as("a read: %s", use.sql()).isTrue();
    });
    // the replica view answers what the primary holds
    TelemetryQueries onPrimary = TelemetryQueries.builder(store, ClusterFixtures.contract(), clock,
        Duration.ofDays(30)).closedStepCacheBytes(0).build();
    assertThat(lastHour).isEqualTo(onPrimary.trend(hour));
    assertThat(lastWeek).isEqualTo(onPrimary.trend(week));
    assertThat(lastWeek.series()).isNotEmpty();

    replica.reset();
    assertThat(view.writeWatermark("replica-test", ClusterFixtures.T0).success()).isTrue();
    assertThat(replica.connections()).as("a write through the view").isZero();
    assertThat(store.readWatermark("replica-test")).contains(ClusterFixtures.T0);
    node.close();
    store.close();
  }

  @Test
  void aReplicaConnectionRefusesWritesEvenWhereTheDatabaseWouldTakeThem() throws Exception {
    RecordingDataSource replica = new RecordingDataSource(postgres());
    Transactions reads = new Transactions(replica.dataSource(), true);

    assertThatThrownBy(() -> reads.inTransaction(
        c -> Sql.update(c, "CREATE TABLE " + prefix + "refused (a int)", List.of())))
        .hasMessageContaining("read-only");
    // the connection is handed back writable, as it came
    try (var c = replica.dataSource().getConnection()) {
      assertThat(c.isReadOnly()).isFalse();
    }
  }

  private static DataSource postgres() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }
}
