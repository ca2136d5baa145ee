package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's scenario through the public API: node B's batch fails until after node A has rolled
 * its hour and day up, then B's retry lands; the next rollup run repairs both.
 */
class LateBatchRollupTest {
  private static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void aBatchRetriedAfterItsHourWasRolledUpReachesTheHourTheDayAndTheWiderTotals() {
    InMemoryStore shared = InMemoryStore.create();
    FlakyStore nodeBStore = new FlakyStore(shared);
    MutableClock clock = new MutableClock(Fixtures.T0);
    try (Telemetry a = Fixtures.manual(new ForwardingStore(shared), clock).node("node-a").build();
        Telemetry b = Fixtures.manual(nodeBStore, clock).node("node-b").build()) {
      for (int i = 0; i < 100; i++) {
        a.histogram(LATENCY).record(0.010 + i * 0.003, "route", "/orders");
        b.histogram(LATENCY).record(0.500 + i * 0.010, "route", "/orders");
      }
      nodeBStore.mode = FlakyStore.Mode.FAIL;
      a.flush();
      b.flush();
      assertThat(b.selfMetrics().writeFailures()).isPositive();

      clock.set(DAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
      a.rollups().runOnce();
      assertThat(hourPoint(a).count()).isEqualTo(100);

      nodeBStore.mode = FlakyStore.Mode.OK;
      b.flush(); // the retry, long after the grace
      assertThat(Fixtures.totalCount(shared, LATENCY)).isEqualTo(200);
      a.rollups().runOnce();

      LatencySketch minutes = new LatencySketch();
      for (MetricSample s : Fixtures.samples(shared, LATENCY)) {
        minutes.merge(s.sketch());
      }
      TrendPoint dayTotal = a.queries().totals(TrendQuery.of(LATENCY,
          QueryRange.between(DAY, DAY.plus(Duration.ofDays(1))))).series().get(0).points().get(0);
      for (TrendPoint point : new TrendPoint[] {hourPoint(a), dayTotal}) {
        assertThat(point.count()).isEqualTo(200);
        assertThat(point.p95()).isEqualTo(minutes.quantile(0.95));
      }
    }
  }

  private static TrendPoint hourPoint(Telemetry telemetry) {
    return telemetry.queries().trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS))).series().get(0)
        .points().stream().filter(p -> p.ts().equals(HOUR)).findFirst().orElseThrow();
  }
}
