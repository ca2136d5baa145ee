package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionJob.RetentionReport;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.WriteBatch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Long-horizon totals (ADR 0051): daily event rollups and metric day samples answer "last 90 days"
 * and "all time" after the raw retention has deleted the events and finer samples, with the same
 * counts and sums as before (exactly) and percentiles within the sketch's bound.
 * {@link TelemetryStoreConformanceKit} extends it, so every store's kit subclass runs these.
 */
public abstract class LongHorizonConformanceKit extends SharedValueConformanceKit {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  /** Midnight 90 days back: a range the day rollups can answer whole. */
  private static final Instant NINETY_DAYS = Resolution.DAY.bucketStart(NOW).minus(Duration.ofDays(90));
  private static final Duration RETENTION = Duration.ofDays(30);
  private static final Duration DAY_RETENTION = Duration.ofDays(400);
  private static final String TYPE = "payment_settled";
  private static final String[] ASSETS = {"eth", "usdc", "sol", "btc", "dai", "op", "arb"};
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();

  private final TestClock clock = TestClock.at(NOW);

  private TelemetryQueries queries() {
    return TelemetryQueries.builder(store, CONTRACT, clock, RETENTION).dayRetention(DAY_RETENTION).build();
  }

  private EventQueries events() {
    return EventQueries.builder(store, clock, RETENTION).dayRetention(DAY_RETENTION).build();
  }

  private RetentionReport runRetention() {
    return RetentionJob.builder(store, clock, RETENTION).dayRetention(DAY_RETENTION).build().runOnce();
  }

  /** Payments over the 90 days, skewed across assets, log-normal amounts, some failed. */
  private List<BusinessEvent> writePayments(int count) {
    Random random = new Random(7);
    List<BusinessEvent> events = new ArrayList<>();
    long span = Duration.between(NINETY_DAYS, NOW).toMillis();
    for (int i = 0; i < count; i++) {
      String asset = ASSETS[Math.min(ASSETS.length - 1, (int) (Math.pow(random.nextDouble(), 2) * ASSETS.length))];
      double amount = Math.round(Math.exp(random.nextGaussian() * 1.5 + 3.0) * 100) / 100.0;
      events.add(new BusinessEvent(NINETY_DAYS.plusMillis((long) (random.nextDouble() * span)), TYPE,
          "s" + random.nextInt(300), Map.of("asset", asset, "network", random.nextInt(4) == 0 ? "testnet" : "mainnet"),
          random.nextInt(25) == 0 ? Outcome.FAILURE : Outcome.SUCCESS, amount, "svc", "node-a"));
    }
    for (int from = 0; from < events.size(); from += 1000) {
      assertThat(store.write(new WriteBatch("payments-" + from, "node-a", List.of(), List.of(), List.of(),
          List.copyOf(events.subList(from, Math.min(events.size(), from + 1000))), List.of())).success()).isTrue();
    }
    return events;
  }

  /** The rollup job as it would have run every day since the oldest event: one run catching up 90 days. */
  private RollupReport rollUpEveryDaySince(Instant firstDay) {
    assertThat(store.writeWatermark(Watermarks.EVENT_DAY, firstDay).success()).isTrue();
    return RollupJob.builder(store, MetricContract.empty(), clock).maxBucketsPerRun(100).build().runOnce();
  }

  @Test
  void ninetyDayEventTotalsAreTheSameAfterRetentionDeletedTheRawEvents() {
    List<BusinessEvent> events = writePayments(2_500);
    EventAnalyticsQuery byAsset = EventAnalyticsQuery.of(TYPE, QueryRange.between(NINETY_DAYS, NOW)).by("asset")
        .limit(3);
    EventAnalytics raw = events().analyze(byAsset);
    assertThat(raw.rolledUpBefore()).as("no rollups yet: all raw").isNull();
    assertThat(raw.count()).isEqualTo(events.size());

    RollupReport rolled = rollUpEveryDaySince(NINETY_DAYS);
    assertThat(rolled.eventDayFailure()).isEmpty();
    assertThat(rolled.eventDaysRolled()).isEqualTo(90);
    RetentionReport retention = runRetention();
    assertThat(retention.deleted().get(DataKind.EVENTS)).isPositive();
    assertThat(store.readEvents(new EventQuery(TYPE, NINETY_DAYS, NOW.minus(RETENTION), 10))).isEmpty();

    EventAnalytics after = events().analyze(byAsset);
    assertThat(after.from()).isEqualTo(NINETY_DAYS);
    assertThat(after.rolledUpBefore()).isEqualTo(Resolution.DAY.bucketStart(NOW.minus(RETENTION)).plus(Duration.ofDays(1)));
    assertThat(after.count()).isEqualTo(raw.count());
    assertThat(after.successRate()).isCloseTo(raw.successRate(), within(1e-12));
    assertExact(after.valueStats().sum(), events, "sum of every value");
    assertThat(after.valueStats().count()).isEqualTo(events.size());
    assertPercentiles(after.valueStats().p50(), after.valueStats().p95(), events, "all payments");
    assertThat(after.breakdown()).extracting(EventShare::value).containsExactlyElementsOf(
        raw.breakdown().stream().map(EventShare::value).toList());
    for (int i = 0; i < after.breakdown().size(); i++) {
      EventShare share = after.breakdown().get(i);
      List<BusinessEvent> mine = share.value().equals(EventAnalytics.OTHER)
          ? events.stream().filter(e -> raw.breakdown().stream().limit(3)
              .noneMatch(s -> s.value().equals(e.dimensions().get("asset")))).toList()
          : events.stream().filter(e -> e.dimensions().get("asset").equals(share.value())).toList();
      assertThat(share.count()).as(share.value()).isEqualTo(raw.breakdown().get(i).count()).isEqualTo(mine.size());
      assertExact(share.valueStats().sum(), mine, share.value());
      assertPercentiles(share.valueStats().p50(), share.valueStats().p95(), mine, share.value());
    }
    assertThat(after.days()).hasSize(91);
    assertThat(after.days().stream().mapToLong(d -> d.count()).sum()).isEqualTo(events.size());
  }

  @Test
  void aFilterOverRolledUpDaysCountsOnlyTheMatchingDimensionSets() {
    List<BusinessEvent> events = writePayments(1_200);
    rollUpEveryDaySince(NINETY_DAYS);
    runRetention();

    EventAnalytics testnet = events().analyze(EventAnalyticsQuery.of(TYPE, QueryRange.between(NINETY_DAYS, NOW))
        .where("network", "testnet"));

    List<BusinessEvent> expected = events.stream().filter(e -> e.dimensions().get("network").equals("testnet"))
        .toList();
    assertThat(testnet.count()).isEqualTo(expected.size());
    assertExact(testnet.valueStats().sum(), expected, "testnet");
  }

  @Test
  void allTimeReachesBackToTheDayRetentionAndNoFurther() {
    writePayments(300);
    rollUpEveryDaySince(NINETY_DAYS);
    // A rollup row older than the day retention: retention deletes it, all time never counts it.
    Instant ancient = Resolution.DAY.bucketStart(NOW.minus(DAY_RETENTION)).minus(Duration.ofDays(3));
    assertThat(store.replaceEventDays(ancient, List.of(new EventDayRollup(ancient, TYPE, Map.of("asset", "eth"), 5, 5,
        0, 5, 50, 0, null))).success()).isTrue();
    runRetention();

    assertThat(store.readEventDays(TYPE, ancient, ancient.plus(Duration.ofDays(1)), 10)).isEmpty();
    EventAnalytics allTime = events().analyze(EventAnalyticsQuery.of(TYPE, QueryRange.last(TimeRange.ALL_TIME)));
    assertThat(allTime.count()).isEqualTo(300);
    assertThat(allTime.from()).isAfterOrEqualTo(NOW.minus(DAY_RETENTION));
  }

  @Test
  void replacingAnEventDayReplacesTheWholeDay() {
    Instant day = Resolution.DAY.bucketStart(NOW).minus(Duration.ofDays(40));
    EventDayRollup eth = new EventDayRollup(day, TYPE, Map.of("asset", "eth"), 3, 2, 1, 3, 30.5, 0, null);
    EventDayRollup sol = new EventDayRollup(day, "other_type", Map.of("asset", "sol"), 4, 0, 0, 0, 0, 0, null);
    assertThat(store.replaceEventDays(day, List.of(eth, sol)).success()).isTrue();
    assertThat(store.replaceEventDays(day, List.of(eth)).success()).isTrue();

    List<EventDayRollup> stored = store.readEventDays(null, day, day.plus(Duration.ofDays(1)), 100);
    assertThat(stored).hasSize(1);
    EventDayRollup row = stored.get(0);
    assertThat(row.type()).isEqualTo(TYPE);
    assertThat(row.dimensions()).isEqualTo(Map.of("asset", "eth"));
    assertThat(List.of(row.count(), row.successes(), row.failures(), row.valueCount())).containsExactly(3L, 2L, 1L, 3L);
    assertThat(row.valueSum()).isEqualTo(30.5);
    assertThat(store.readEventDays("other_type", day, day.plus(Duration.ofDays(1)), 100)).isEmpty();
  }

  @Test
  void metricDaySamplesOutliveTheRetentionOfFinerSamplesAndAnswerNinetyDayTotals() {
    Map<String, String> labels = Map.of("route", "/orders", "method", "GET", "status", "200");
    String metric = StandardMetrics.HTTP_SERVER_REQUESTS;
    List<MetricSample> days = new ArrayList<>();
    for (int d = 0; d < 90; d++) {
      days.add(new MetricSample(NINETY_DAYS.plus(Duration.ofDays(d)), Resolution.DAY, metric, "node-a", labels,
          MetricKind.COUNTER, 10 + d, 100 + d, Double.NaN, Double.NaN, Double.NaN, null));
    }
    assertThat(store.replaceSamples(days).success()).isTrue();
    assertThat(store.writeWatermark(Watermarks.DAY, Resolution.DAY.bucketStart(NOW)).success()).isTrue();
    TrendQuery ninetyDays = TrendQuery.of(metric, QueryRange.between(NINETY_DAYS, Resolution.DAY.bucketStart(NOW)));
    double before = total(queries().totals(ninetyDays));

    runRetention();

    assertThat(store.readSamples(SampleQuery.of(metric, Resolution.DAY, NINETY_DAYS, NOW))).hasSize(90);
    assertThat(total(queries().totals(ninetyDays))).isEqualTo(before).isEqualTo(90 * 100 + 89 * 90 / 2.0);
  }

  private static double total(Trend trend) {
    return trend.series().stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p.sum()).sum();
  }

  private static void assertExact(double actual, List<BusinessEvent> events, String what) {
    double exact = events.stream().map(e -> new BigDecimal(e.value())).reduce(BigDecimal.ZERO, BigDecimal::add)
        .doubleValue();
    assertThat(actual).as(what).isCloseTo(exact, within(Math.abs(exact) * 1e-12));
  }

  private static void assertPercentiles(Double p50, Double p95, List<BusinessEvent> events, String what) {
    double[] sorted = events.stream().mapToDouble(BusinessEvent::value).sorted().toArray();
    double exact50 = EventAnalyticsChecks.nearestRank(sorted, 0.5);
    double exact95 = EventAnalyticsChecks.nearestRank(sorted, 0.95);
    assertThat(p50).as(what + " p50 (exact " + exact50 + ")")
        .isCloseTo(exact50, within(exact50 * EventAnalyticsChecks.PERCENTILE_ERROR));
    assertThat(p95).as(what + " p95 (exact " + exact95 + ")")
        .isCloseTo(exact95, within(exact95 * EventAnalyticsChecks.PERCENTILE_ERROR));
  }
}
