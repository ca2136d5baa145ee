package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.testkit.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A replica that lags (ADR 0054), modelled by SQLite snapshots of the primary file taken with
 * {@code VACUUM INTO}: the replica shows the primary as of its last snapshot. A chart read through
 * {@link JdbcStore#forReads()} may be behind by that lag, and must catch up with it, closed
 * steps (ADR 0049) included.
 */
class SqliteReplicaLagTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
  private static final Instant HOUR = Resolution.HOUR.bucketStart(NOW);
  private static final Instant REPAIRED_HOUR = HOUR.minus(Duration.ofHours(30));
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();
  private static final TrendQuery WEEK =
      TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_7_DAYS));

  @TempDir
  Path dir;
  private final TestClock clock = TestClock.at(NOW);
  private final SQLiteDataSource replica = new SQLiteDataSource();
  private JdbcStore store;
  private int snapshots;

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aChartThroughALaggingReplicaIsBehindByTheLagAndCatchesUpClosedStepsIncluded() throws Exception {
    replica.setReadOnly(true);
    store = JdbcStore.builder().sqliteFile(dir.resolve("primary.db")).readDataSource(replica).clock(clock).build();
    List<MetricSample> hours = new ArrayList<>();
    for (Instant h = HOUR.minus(Duration.ofDays(6)); h.isBefore(HOUR); h = h.plus(Duration.ofHours(1))) {
      hours.add(hourRow(h, 10));
    }
    assertThat(store.replaceSamples(hours).success()).isTrue();
    assertThat(store.writeWatermark(Watermarks.HOUR, HOUR).success()).isTrue();
    catchUp();
    TelemetryQueries cached = TelemetryQueries.builder(store.forReads(), CONTRACT, clock, Duration.ofDays(30))
        .build();
    Trend before = cached.trend(WEEK);
    assertThat(before).isEqualTo(uncached(store));

    // A repair rewrites a closed hour on the primary: its revision changes there, not yet on the replica.
    assertThat(store.replaceSamples(List.of(hourRow(REPAIRED_HOUR, 25))).success()).isTrue();
    Trend repaired = uncached(store);
    assertThat(repaired).isNotEqualTo(before);

    assertThat(cached.trend(WEEK)).as("behind by the lag").isEqualTo(before);
    catchUp();
    assertThat(cached.trend(WEEK)).as("caught up with the replica").isEqualTo(repaired);
  }

  /** The replica replays the primary up to now: a fresh snapshot of the primary file. */
  private void catchUp() throws Exception {
    Path snapshot = dir.resolve("replica-" + ++snapshots + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("primary.db"));
        Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + snapshot + "'");
    }
    replica.setUrl("jdbc:sqlite:" + snapshot);
  }

  private Trend uncached(JdbcStore on) {
    return TelemetryQueries.builder(on, CONTRACT, clock, Duration.ofDays(30)).closedStepCacheBytes(0).build()
        .trend(WEEK);
  }

  private static MetricSample hourRow(Instant hour, int count) {
    LatencySketch sketch = new LatencySketch();
    double sum = 0;
    for (int i = 1; i <= count; i++) {
      double value = i / 1024.0;
      sketch.record(value);
      sum += value;
    }
    return new MetricSample(hour, Resolution.HOUR, StandardMetrics.HTTP_SERVER_DURATION, "node-a",
        Map.of("route", "/pay", "method", "GET", "status", "200"), MetricKind.HISTOGRAM, count, sum, sketch.min(),
        sketch.max(), Double.NaN, sketch);
  }
}
