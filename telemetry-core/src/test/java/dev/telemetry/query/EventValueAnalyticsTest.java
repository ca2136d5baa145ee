package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.TrendTest.assertParam;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventComparison;
import dev.telemetry.events.EventAnalytics.EventDay;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalytics.ValueStats;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionJob.RetentionReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import dev.telemetry.query.TelemetryQueries.StoreStatus;

/** Value statistics, comparison and filter rules the conformance kit does not reach, and store upkeep. */
class EventValueAnalyticsTest {
  private final QueryFixtures f = new QueryFixtures();
  private final TelemetryQueries queries = f.queries();
  private final EventQueries eventQueries = f.events();
  private final QueryRange day = QueryRange.last(TimeRange.LAST_24_HOURS);

  private void write(BusinessEvent... events) {
    f.store.write(new WriteBatch("b" + f.clock.instant() + events.length, "a", List.of(), List.of(), List.of(),
        List.of(events), List.of()));
  }

  private static BusinessEvent refund(long secondsAgo, double value) {
    return new BusinessEvent(NOW.minusSeconds(secondsAgo), "refund", null, Map.of("tier", "pro"), Outcome.NONE,
        value, "api", "a");
  }

  @Test
  void keepsSumAndAverageButNoPercentilesWhenAValueIsNegative() {
    write(refund(10, 5), refund(20, -2), refund(30, 3));

    ValueStats v = eventQueries.analyze(EventAnalyticsQuery.of("refund", day)).valueStats();

    assertThat(v.count()).isEqualTo(3);
    assertThat(v.sum()).isEqualTo(6.0);
    assertThat(v.avg()).isEqualTo(2.0);
    assertThat(v.p50()).isNull();
    assertThat(v.p95()).isNull();
  }

  @Test
  void hasEmptyValueStatisticsAndNoChangeWithoutEvents() {
    EventAnalytics none = eventQueries.analyze(EventAnalyticsQuery.of("refund", day).comparedWithPreviousPeriod());

    assertThat(none.valueStats()).isEqualTo(ValueStats.EMPTY);
    assertThat(none.previous().count()).isZero();
    assertThat(none.previous().countChangePercent()).isNull();
    assertThat(none.previous().sumChangePercent()).isNull();
  }

  @Test
  void flagsAPreviousPeriodReachingPastTheRetentionAsIncomplete() {
    write(refund(10, 1));

    EventComparison month = eventQueries.analyze(EventAnalyticsQuery.of("refund",
        QueryRange.last(TimeRange.LAST_30_DAYS)).comparedWithPreviousPeriod()).previous();
    EventComparison yesterday = eventQueries.analyze(EventAnalyticsQuery.of("refund", day).comparedWithPreviousPeriod())
        .previous();

    assertThat(month.complete()).isFalse();
    assertThat(month.from()).isEqualTo(NOW.minus(Duration.ofDays(60)));
    assertThat(yesterday.complete()).isTrue();
    assertThat(yesterday.to()).isEqualTo(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void refusesBadFiltersNamingThem() {
    assertParam(() -> eventQueries.analyze(EventAnalyticsQuery.of("refund", day).where("a b", "x")), "filter.a b");
    EventAnalyticsQuery many = EventAnalyticsQuery.of("refund", day);
    for (int i = 0; i <= EventAnalyticsQuery.MAX_FILTERS; i++) {
      many = many.where("k" + i, "v");
    }
    EventAnalyticsQuery tooMany = many;
    assertParam(() -> eventQueries.analyze(tooMany), "filter");
    assertParam(() -> eventQueries.types(day, 0), "limit");
    assertParam(() -> eventQueries.types(day, 101), "limit");
  }

  @Test
  void retentionRecordsItsRunAndReclaimsSpaceOnlyAfterDeleting() {
    AtomicInteger reclaims = new AtomicInteger();
    ForwardingStore counting = new ForwardingStore(f.store) {
      @Override
      public long reclaimSpace() {
        reclaims.incrementAndGet();
        return 4096;
      }
    };
    RetentionJob job = RetentionJob.builder(counting, f.clock, Duration.ofDays(30)).build();

    RetentionReport nothing = job.runOnce();
    assertThat(nothing.reclaimedBytes()).isZero();
    assertThat(reclaims).hasValue(0);

    write(refund(40L * 86_400, 1));
    f.clock.advance(Duration.ofMinutes(1));
    RetentionReport some = job.runOnce();
    assertThat(some.reclaimedBytes()).isEqualTo(4096);
    assertThat(reclaims).hasValue(1);

    f.store.writeWatermark(Watermarks.HOUR, NOW.minus(Duration.ofHours(1)));
    StoreStatus status = queries.storeStatus();
    assertThat(status.lastRetentionRun()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(status.hourRollupThrough()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(status.dayRollupThrough()).isNull();
    assertThat(status.stats().store()).isEqualTo("in-memory");
    assertThat(status.stats().totalRows()).isPositive();
  }
}
