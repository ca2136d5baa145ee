package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.LATENCY;
import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.QueryFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.Trend.TrendSeries;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendTest {
  private final QueryFixtures f = new QueryFixtures();
  private final TelemetryQueries queries = f.queries();

  private static Map<String, String> route(String route) {
    return Map.of("route", route, "method", "GET", "status", "200");
  }

  @Test
  void oneHourHasOnePointPerMinuteWithMergedPercentilesAndRate() {
    Instant minute = NOW.minus(Duration.ofMinutes(10));
    f.write(QueryFixtures.minuteLatency(minute, "a", route("/a"), 0.1, 0.2, 0.3),
        QueryFixtures.minuteLatency(minute, "b", route("/b"), 0.4, 5.0));

    Trend trend = queries.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_HOUR)));

    assertThat(trend.stepSeconds()).isEqualTo(60);
    List<TrendPoint> points = trend.series().get(0).points();
    assertThat(points).hasSize(60);
    TrendPoint p = points.stream().filter(x -> x.ts().equals(minute)).findFirst().orElseThrow();
    assertThat(p.count()).isEqualTo(5);
    assertThat(p.rate()).isEqualTo(5 / 60.0);
    assertThat(p.min()).isEqualTo(0.1);
    assertThat(p.max()).isEqualTo(5.0);
    assertThat(p.p50()).isCloseTo(0.3, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(p.p99()).isEqualTo(5.0);
    assertThat(p.sum()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
    TrendPoint empty = points.get(0);
    assertThat(empty.count()).isZero();
    assertThat(empty.p95()).isNull();
    assertThat(empty.min()).isNull();
  }

  @Test
  void countersReportTheDeltaAndItsRatePerSecond() {
    Instant minute = NOW.minus(Duration.ofMinutes(3));
    f.write(QueryFixtures.counter(REQUESTS, minute, Resolution.MINUTE, "a", route("/a"), 120),
        QueryFixtures.counter(REQUESTS, minute, Resolution.MINUTE, "b", route("/a"), 60));
    TrendPoint p = queries.trend(TrendQuery.of(REQUESTS, QueryRange.last(TimeRange.LAST_HOUR))).series().get(0)
        .points().stream().filter(x -> x.ts().equals(minute)).findFirst().orElseThrow();
    assertThat(p.sum()).isEqualTo(180);
    assertThat(p.rate()).isEqualTo(3.0);
    assertThat(p.p95()).isNull();
  }

  @Test
  void filtersByLabelAndNodeAndSplitsByGroup() {
    Instant minute = NOW.minus(Duration.ofMinutes(3));
    f.write(QueryFixtures.minuteLatency(minute, "a", route("/a"), 1),
        QueryFixtures.minuteLatency(minute, "b", route("/a"), 2, 2),
        QueryFixtures.minuteLatency(minute, "a", route("/b"), 3, 3, 3, 3));
    QueryRange hour = QueryRange.last(TimeRange.LAST_HOUR);

    assertThat(total(queries.trend(TrendQuery.of(LATENCY, hour).withLabel("route", "/a")))).isEqualTo(3);
    assertThat(total(queries.trend(TrendQuery.of(LATENCY, hour).onNode("a")))).isEqualTo(5);
    Trend grouped = queries.trend(TrendQuery.of(LATENCY, hour).groupBy("route"));
    assertThat(grouped.series()).extracting(TrendSeries::group).containsExactly("/b", "/a");
    assertThat(grouped.truncated()).isFalse();
  }

  @Test
  void foldsGroupsPastTwentyIntoOther() {
    List<MetricSample> samples = new ArrayList<>();
    for (int r = 0; r < 25; r++) {
      double[] values = new double[r + 1];
      java.util.Arrays.fill(values, 0.1);
      samples.add(QueryFixtures.minuteLatency(NOW.minus(Duration.ofMinutes(2)), "a", route("/r" + r), values));
    }
    f.write(samples);
    Trend t = queries.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_HOUR)).groupBy("route"));
    assertThat(t.series()).hasSize(Trend.MAX_GROUPS);
    assertThat(t.series().get(0).group()).isEqualTo("/r24");
    assertThat(t.series().get(Trend.MAX_GROUPS - 1).group()).isEqualTo(Trend.OTHER);
    assertThat(t.foldedGroups()).isEqualTo(6);
    // the six lightest routes (/r0../r5: 1+2+…+6 values) are in "other"
    assertThat(total(new Trend(t.metric(), t.kind(), t.unit(), t.from(), t.to(), t.stepSeconds(), null,
        List.of(t.series().get(Trend.MAX_GROUPS - 1)), 0))).isEqualTo(21);
  }

  @Test
  void sevenDaysReadHourRollupsAndMinutesAfterTheWatermark() {
    // Hour rollups up to 3 hours ago; after that only minute samples (the rollup job lags).
    Instant watermark = Resolution.HOUR.bucketStart(NOW).minus(Duration.ofHours(3));
    f.store.writeWatermark(Watermarks.HOUR, watermark);
    f.store.replaceSamples(List.of(QueryFixtures.histogram(watermark.minus(Duration.ofHours(5)), Resolution.HOUR,
        "a", route("/a"), 1, 1, 1, 1)));
    // a minute sample before the watermark must not be counted twice (its hour is in the rollup)
    f.write(QueryFixtures.minuteLatency(watermark.minus(Duration.ofMinutes(30)), "a", route("/a"), 9),
        QueryFixtures.minuteLatency(NOW.minus(Duration.ofMinutes(2)), "a", route("/a"), 2, 2));

    Trend t = queries.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS)));

    assertThat(t.stepSeconds()).isEqualTo(3600);
    assertThat(t.series().get(0).points()).hasSizeLessThanOrEqualTo(StepLadder.MAX_POINTS + 1);
    assertThat(total(t)).isEqualTo(6);
    TrendPoint last = t.series().get(0).points().get(t.series().get(0).points().size() - 1);
    assertThat(last.count()).as("the recent edge comes from minute samples").isEqualTo(2);
  }

  @Test
  void withoutRollupsLongRangesFallBackToMinutes() {
    f.write(QueryFixtures.minuteLatency(NOW.minus(Duration.ofHours(30)), "a", route("/a"), 1, 2));
    Trend t = queries.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_30_DAYS)));
    assertThat(t.stepSeconds()).isEqualTo(3 * 3600);
    assertThat(total(t)).isEqualTo(2);
  }

  @Test
  void rejectsUnknownMetricsLabelsAndGroupKeysNamingTheParameter() {
    QueryRange hour = QueryRange.last(TimeRange.LAST_HOUR);
    assertParam(() -> queries.trend(TrendQuery.of("nope_seconds", hour)), "metric");
    assertParam(() -> queries.trend(TrendQuery.of(LATENCY, hour).withLabel("user", "x")), "label.user");
    assertParam(() -> queries.trend(TrendQuery.of(LATENCY, hour).groupBy("error_type")), "group_by");
    assertParam(() -> TrendQuery.of("", hour), "metric");
  }

  static void assertParam(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String param) {
    assertThatThrownBy(call).isInstanceOfSatisfying(QueryException.class,
        e -> assertThat(e.param()).isEqualTo(param));
  }

  private static long total(Trend t) {
    return t.series().stream().flatMap(s -> s.points().stream()).mapToLong(TrendPoint::count).sum();
  }
}
