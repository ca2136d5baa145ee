package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.QueryFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.Trend.TrendPoint.State;
import dev.telemetry.store.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zero is zero, missing data is a gap, and steps that are not whole yet say so. */
class TrendStatesTest {
  private static final Map<String, String> ROUTE = Map.of("route", "/a", "method", "GET", "status", "200");
  private final QueryFixtures f = new QueryFixtures();

  private List<TrendPoint> lastHour(Instant startedAt) {
    TelemetryQueries queries = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .startedAt(startedAt).build();
    return queries.trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_HOUR))).series().get(0).points();
  }

  private static TrendPoint at(List<TrendPoint> points, Instant ts) {
    return points.stream().filter(p -> p.ts().equals(ts)).findFirst().orElseThrow();
  }

  @Test
  void emptyMinutesAfterTheStartUpMinuteAreZeroAndEarlierOnesAreGaps() {
    f.clock.set(NOW.plusSeconds(25)); // 12:00:25, the minute in progress is 12:00
    Instant startedAt = NOW.minus(Duration.ofMinutes(20)).plusSeconds(30); // 11:40:30
    f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofMinutes(20)), Resolution.MINUTE, "a", ROUTE, 30),
        QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofMinutes(10)), Resolution.MINUTE, "a", ROUTE, 120),
        QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofMinutes(50)), Resolution.MINUTE, "b", ROUTE, 60),
        QueryFixtures.counter(REQUESTS, NOW, Resolution.MINUTE, "a", ROUTE, 9));

    List<TrendPoint> points = lastHour(startedAt);

    assertThat(at(points, NOW.minus(Duration.ofMinutes(10))).state()).isEqualTo(State.DATA);
    TrendPoint quiet = at(points, NOW.minus(Duration.ofMinutes(5)));
    assertThat(quiet.state()).as("running, nothing counted").isEqualTo(State.EMPTY);
    assertThat(quiet.rate()).isZero();
    assertThat(at(points, NOW.minus(Duration.ofMinutes(20))).state()).as("the start-up minute").isEqualTo(State.PARTIAL);
    assertThat(at(points, NOW.minus(Duration.ofMinutes(30))).state()).as("before start").isEqualTo(State.MISSING);
    assertThat(at(points, NOW.minus(Duration.ofMinutes(50))).state()).as("another node, before start")
        .isEqualTo(State.DATA);
    assertThat(at(points, NOW).state()).as("the minute in progress").isEqualTo(State.PARTIAL);
  }

  @Test
  void withoutAStartInstantNoEmptyStepIsVouchedFor() {
    f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofMinutes(10)), Resolution.MINUTE, "a", ROUTE, 120));
    List<TrendPoint> points = f.queries().trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_HOUR)))
        .series().get(0).points();
    assertThat(points).extracting(TrendPoint::state).containsOnly(State.DATA, State.MISSING);
  }

  @Test
  void aStepThatReachesIntoTheMinuteInProgressIsPartial() {
    f.clock.set(NOW.plus(Duration.ofMinutes(2)).plusSeconds(10)); // 12:02:10; 24 h steps are 5 minutes
    f.write(QueryFixtures.counter(REQUESTS, NOW, Resolution.MINUTE, "a", ROUTE, 100));
    TelemetryQueries queries = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .startedAt(NOW.minus(Duration.ofDays(2))).build();
    Trend trend = queries.trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_24_HOURS)));
    List<TrendPoint> points = trend.series().get(0).points();

    assertThat(trend.stepSeconds()).isEqualTo(300);
    assertThat(points.get(points.size() - 1).ts()).isEqualTo(NOW);
    assertThat(points.get(points.size() - 1).state()).isEqualTo(State.PARTIAL);
    assertThat(points.get(points.size() - 2).state()).isEqualTo(State.EMPTY);
  }

  @Test
  void aStepCutByTheEndOfAnExplicitRangeIsPartialNotALowRate() {
    Instant to = NOW.minus(Duration.ofHours(1)).plusSeconds(150); // 11:02:30, in the past
    f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofHours(1)), Resolution.MINUTE, "a", ROUTE, 300));
    TelemetryQueries queries = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .startedAt(NOW.minus(Duration.ofDays(2))).build();
    Trend trend = queries.trend(TrendQuery.of(REQUESTS, QueryRange.between(to.minus(Duration.ofHours(24)), to)));
    List<TrendPoint> points = trend.series().get(0).points();

    assertThat(trend.stepSeconds()).isEqualTo(300);
    assertThat(points.get(points.size() - 1).ts()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(points.get(points.size() - 1).state()).as("11:00-11:05 cut at 11:02:30").isEqualTo(State.PARTIAL);
    assertThat(points.get(points.size() - 2).state()).isEqualTo(State.EMPTY);
  }

  @Test
  void aStepMixingMinutesWithAndWithoutDataReadsItsRatePerCoveredTimeAndIsPartial() {
    // A 7-day chart has 1-hour steps. An earlier run wrote 10 minutes (09:00-09:09, 60 a minute);
    // this node started at 11:50:00 and counted 60 a minute until 11:59; the clock is 12:00:00.
    Instant startedAt = NOW.minus(Duration.ofMinutes(10));
    for (int m = 0; m < 10; m++) {
      f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(m)),
          Resolution.MINUTE, "b", ROUTE, 60));
      f.write(QueryFixtures.counter(REQUESTS, startedAt.plus(Duration.ofMinutes(m)), Resolution.MINUTE, "a", ROUTE,
          60));
    }
    TelemetryQueries queries = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .startedAt(startedAt).build();
    Trend trend = queries.trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_7_DAYS)));
    List<TrendPoint> points = trend.series().get(0).points();
    assertThat(trend.stepSeconds()).isEqualTo(3600);

    TrendPoint earlierRun = at(points, NOW.minus(Duration.ofHours(3)));
    assertThat(earlierRun.state()).isEqualTo(State.PARTIAL);
    assertThat(earlierRun.coveredSeconds()).isEqualTo(600);
    assertThat(earlierRun.rate()).as("600 requests in 10 minutes, not in an hour").isEqualTo(1.0);
    TrendPoint startHour = at(points, NOW.minus(Duration.ofHours(1)));
    assertThat(startHour.state()).isEqualTo(State.PARTIAL);
    assertThat(startHour.coveredSeconds()).isEqualTo(600);
    assertThat(startHour.rate()).isEqualTo(1.0);
    TrendPoint before = at(points, NOW.minus(Duration.ofHours(2)));
    assertThat(before.state()).isEqualTo(State.MISSING);
    assertThat(before.coveredSeconds()).isZero();
  }

  @Test
  void aRouteWithoutRequestsInMinutesOtherRoutesHadReadsZeroThereNotAHighRate() {
    // Before this node's start only stored buckets say the app ran; they are every route's buckets,
    // so a filtered series covers the minutes where any route had requests.
    Map<String, String> other = Map.of("route", "/b", "method", "GET", "status", "200");
    for (int m = 0; m < 30; m++) {
      f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(m)),
          Resolution.MINUTE, "b", other, 60));
    }
    f.write(QueryFixtures.counter(REQUESTS, NOW.minus(Duration.ofHours(3)), Resolution.MINUTE, "b", ROUTE, 60));
    TelemetryQueries queries = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .startedAt(NOW.minus(Duration.ofMinutes(10))).build();
    TrendPoint filtered = at(queries.trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_7_DAYS))
        .withLabel("route", "/a")).series().get(0).points(), NOW.minus(Duration.ofHours(3)));

    assertThat(filtered.coveredSeconds()).isEqualTo(1800);
    assertThat(filtered.rate()).isEqualTo(60.0 / 1800);
  }
}
