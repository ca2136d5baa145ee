package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How every {@link TelemetryStore} keeps the query layer's cache of closed chart steps honest
 * (ADR 0049): {@link TelemetryStore#rollupRevision} changes with every change to hour or day
 * rows from any instance sharing the store, so a chart served from cached steps is always the
 * chart read from the store, also after another node's late write was repaired into a closed hour,
 * and after retention deleted hours. Steps read from minutes (the 24 h chart's 5-minute steps) are
 * served only while their hour carries no dirty mark (ADR 0057): a late minute from another node
 * shows in the next chart, before and after its repair, and after its mark was dropped. {@link TelemetryStoreConformanceKit} extends it.
 *
 * <p>Values are multiples of 1/1024, so sums are exact in any order of addition and answers can be
 * compared with {@code equals}.
 */
public abstract class ClosedStepsConformanceKit extends LateDataConformanceKit {
  private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
  private static final Instant HOUR = Resolution.HOUR.bucketStart(NOW);
  private static final Instant DAY = Resolution.DAY.bucketStart(NOW);
  /** Ten days of hour rows before the current hour, the last six of them rolled up from minutes. */
  private static final Instant START = HOUR.minus(Duration.ofDays(10));
  /** A closed hour (behind the watermark) inside the rolled-up stretch, where the late write lands. */
  private static final Instant LATE_HOUR = HOUR.minus(Duration.ofHours(4));
  private static final String LATENCY = StandardMetrics.HTTP_SERVER_DURATION;
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();
  private static final List<String> ROUTES = List.of("/a", "/b", "/c");

  private final TestClock now = TestClock.at(NOW);

  @Test
  void chartsServedFromClosedStepsEqualTheChartsReadFromTheStore() {
    writeHistory();
    TelemetryQueries cached = queries(store, true);

    List<Trend> first = charts(cached);
    List<Trend> again = charts(cached);

    List<Trend> uncached = charts(queries(store, false));
    assertThat(first).isEqualTo(uncached);
    assertThat(again).isEqualTo(uncached);
    assertThat(uncached.get(0).series().get(0).points()).anySatisfy(p -> assertThat(p.count()).isPositive());
  }

  @Test
  void aChartServedAgainReadsOnlyItsOpenEdgeFromTheStore() {
    writeHistory();
    assumeTrue(store.rollupRevision().isPresent(), "the store keeps no rollup revision: nothing is cached");
    AtomicLong rows = new AtomicLong();
    TelemetryStore counting = new ForwardingStore(store) {
      @Override
      public List<MetricSample> readSamples(SampleQuery query) {
        List<MetricSample> out = super.readSamples(query);
        rows.addAndGet(out.size());
        return out;
      }

      @Override
      public void close() {}
    };
    TrendQuery month = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_30_DAYS));
    TelemetryQueries cached = queries(counting, true);
    cached.trend(month);
    long firstRead = rows.getAndSet(0);
    cached.trend(month);
    long againRead = rows.get();

    // 10 days × 24 hours × 3 routes of hour rows the first time; then only the open 3-hour step:
    // its closed hours and the current hour's minutes, whatever the history.
    assertThat(firstRead).isGreaterThan(700);
    assertThat(againRead).isLessThanOrEqualTo(3 * 3 + 30 * 3);
  }

  @Test
  void anotherNodesLateWriteIsNeverServedStaleOnceItsRepairRewroteTheHour() throws Exception {
    writeHistory();
    TelemetryQueries cached = queries(store, true);
    charts(cached);
    long hourBefore = point(cached, LATE_HOUR).count();
    MetricSample late = latency(LATE_HOUR.plus(Duration.ofMinutes(17)), "node-b", "/a", 4242);

    try (TelemetryStore nodeB = secondNode()) {
      write(nodeB, "node-b", late);
      // Not repaired yet: the hour row still holds the old merge, cached or not.
      assertThat(charts(cached)).isEqualTo(charts(queries(store, false)));
      assertThat(point(cached, LATE_HOUR).count()).isEqualTo(hourBefore);

      RollupReport repair = job(nodeB).runOnce();
      assertThat(repair.hoursRepaired()).isPositive();
    }

    assertThat(point(cached, LATE_HOUR).count()).isEqualTo(hourBefore + late.count());
    assertThat(charts(cached)).isEqualTo(charts(queries(store, false)));
  }

  @Test
  void chartsServedAfterRetentionDeletedHoursEqualTheChartsReadFromTheStore() {
    writeHistory();
    TelemetryQueries cached = queries(store, true);
    List<Trend> full = charts(cached);

    long deleted = store.deleteOlderThan(DataKind.HOUR_SAMPLES, START.plus(Duration.ofDays(3)), 100_000);

    assertThat(deleted).isPositive();
    List<Trend> uncached = charts(queries(store, false));
    assertThat(uncached).isNotEqualTo(full);
    assertThat(charts(cached)).isEqualTo(uncached);
  }

  @Test
  void theRollupRevisionChangesWithEveryHourOrDayChangeFromAnyInstance() throws Exception {
    assumeTrue(store.rollupRevision().isPresent(), "the store keeps no rollup revision");
    try (TelemetryStore nodeB = secondNode()) {
      OptionalLong r0 = store.rollupRevision();
      assertOk(nodeB.replaceSamples(List.of(hourRow(LATE_HOUR, "node-b", "/a"))));
      OptionalLong r1 = store.rollupRevision();
      assertThat(r1).isNotEqualTo(r0);

      assertOk(nodeB.replaceSamples(List.of(dayRow(DAY.minus(Duration.ofDays(2)), "node-b"))));
      OptionalLong r2 = store.rollupRevision();
      assertThat(r2).isNotEqualTo(r1);

      assertThat(nodeB.deleteOlderThan(DataKind.HOUR_SAMPLES, NOW, 10)).isPositive();
      OptionalLong r3 = store.rollupRevision();
      assertThat(r3).isNotEqualTo(r2);

      assertThat(nodeB.deleteOlderThan(DataKind.DAY_SAMPLES, NOW, 10)).isPositive();
      assertThat(store.rollupRevision()).isNotEqualTo(r3);
    }
  }

  @Test
  void aDayChartServedAgainReadsOnlyTheMinutesOfItsOpenEdge() {
    writeHistory();
    assumeTrue(store.rollupRevision().isPresent(), "the store keeps no rollup revision: nothing is cached");
    AtomicLong rows = new AtomicLong();
    TelemetryQueries cached = queries(countingRows(rows), true);
    TrendQuery day = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_24_HOURS));

    Trend first = cached.trend(day);
    long firstRead = rows.getAndSet(0);
    Trend again = cached.trend(day);
    long againRead = rows.get();

    // 6.5 hours of minutes (every tenth) × 3 routes the first time (ADR 0057); then only the
    // current hour's minutes: its 5-minute steps are not behind the hour watermark.
    assertThat(again).isEqualTo(first).isEqualTo(queries(store, false).trend(day));
    assertThat(firstRead).isGreaterThan(100);
    assertThat(againRead).isLessThanOrEqualTo(3 * 3);
  }

  @Test
  void anotherNodesLateMinuteShowsInTheNextDayChartBeforeAndAfterItsRepair() throws Exception {
    writeHistory();
    TelemetryQueries cached = queries(store, true);
    TrendQuery day = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_24_HOURS));
    Instant lateMinute = LATE_HOUR.plus(Duration.ofMinutes(17));
    Instant lateStep = LATE_HOUR.plus(Duration.ofMinutes(15));
    cached.trend(day);
    cached.trend(day.groupBy("route"));
    long before = fiveMinutePoint(cached.trend(day), lateStep).count();
    MetricSample late = latency(lateMinute, "node-b", "/a", 4242);

    try (TelemetryStore nodeB = secondNode()) {
      write(nodeB, "node-b", late);
      // Not repaired yet: the minute rows hold the late values, and the cached 5-minute step of
      // that closed hour is not served while the hour is marked dirty.
      assertThat(fiveMinutePoint(cached.trend(day), lateStep).count()).isEqualTo(before + late.count());
      assertThat(charts(cached)).isEqualTo(charts(queries(store, false)));

      RollupReport repair = job(nodeB).runOnce();
      assertThat(repair.hoursRepaired()).isPositive();
    }

    assertThat(fiveMinutePoint(cached.trend(day), lateStep).count()).isEqualTo(before + late.count());
    assertThat(cached.trend(day.groupBy("route"))).isEqualTo(queries(store, false).trend(day.groupBy("route")));
    assertThat(charts(cached)).isEqualTo(charts(queries(store, false)));
  }

  @Test
  void aLateMinuteWhoseMarkWasDroppedStillShowsInTheDayChart() throws Exception {
    writeHistory();
    assumeTrue(store.rollupRevision().isPresent(), "the store keeps no rollup revision: nothing is cached");
    TelemetryQueries cached = queries(store, true);
    TrendQuery day = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_24_HOURS));
    Instant lateStep = LATE_HOUR.plus(Duration.ofMinutes(15));
    long before = fiveMinutePoint(cached.trend(day), lateStep).count();
    MetricSample late = latency(LATE_HOUR.plus(Duration.ofMinutes(17)), "node-b", "/a", 4242);

    try (TelemetryStore nodeB = secondNode()) {
      write(nodeB, "node-b", late);
      // What the rollup job does with a mark past its horizon: claims it, re-merging nothing.
      List<DirtyBucket> marks = nodeB.readDirtyBuckets(Resolution.HOUR, LATE_HOUR, LATE_HOUR.plusSeconds(1), 1);
      assertThat(marks).hasSize(1);
      assertOk(nodeB.replaceDirtyBucket(marks.get(0), List.of()));
      assertThat(store.readDirtyBuckets(Resolution.HOUR, LATE_HOUR, LATE_HOUR.plusSeconds(1), 1)).isEmpty();
    }

    assertThat(fiveMinutePoint(cached.trend(day), lateStep).count()).isEqualTo(before + late.count());
    assertThat(cached.trend(day)).isEqualTo(queries(store, false).trend(day));
  }

  @Test
  void dayChartsServedAfterRetentionDeletedMinutesEqualTheChartsReadFromTheStore() {
    writeHistory();
    TelemetryQueries cached = queries(store, true);
    TrendQuery day = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_24_HOURS));
    Trend full = cached.trend(day);
    cached.trend(day);

    long deleted = store.deleteOlderThan(DataKind.MINUTE_SAMPLES, LATE_HOUR, 100_000);

    assertThat(deleted).isPositive();
    Trend uncached = queries(store, false).trend(day);
    assertThat(uncached).isNotEqualTo(full);
    assertThat(cached.trend(day)).isEqualTo(uncached);
  }

  @Test
  void dayChartsUnderATinyCacheBoundEqualTheChartsReadFromTheStore() {
    writeHistory();
    TelemetryQueries tiny = TelemetryQueries.builder(store, CONTRACT, now, Duration.ofDays(30))
        .closedStepCacheBytes(16 * 1024).build();
    TrendQuery day = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_24_HOURS));
    TelemetryQueries uncached = queries(store, false);
    for (int i = 0; i < 3; i++) {
      assertThat(tiny.trend(day.groupBy("route"))).isEqualTo(uncached.trend(day.groupBy("route")));
      assertThat(tiny.trend(day)).isEqualTo(uncached.trend(day));
    }
  }

  @Test
  void theRollupRevisionChangesWhenMinutesOrMarksGoAway() throws Exception {
    assumeTrue(store.rollupRevision().isPresent(), "the store keeps no rollup revision");
    write(store, "node-a", latency(LATE_HOUR.plus(Duration.ofMinutes(3)), "node-a", "/a", 7));
    try (TelemetryStore nodeB = secondNode()) {
      OptionalLong r0 = store.rollupRevision();
      List<DirtyBucket> marks = nodeB.readDirtyBuckets(Resolution.HOUR, LATE_HOUR, LATE_HOUR.plusSeconds(1), 1);
      assertThat(marks).hasSize(1);
      assertOk(nodeB.replaceDirtyBucket(marks.get(0), List.of()));
      OptionalLong r1 = store.rollupRevision();
      assertThat(r1).isNotEqualTo(r0);

      assertThat(nodeB.deleteOlderThan(DataKind.MINUTE_SAMPLES, NOW, 10)).isPositive();
      OptionalLong r2 = store.rollupRevision();
      assertThat(r2).isNotEqualTo(r1);

      assertOk(nodeB.markDirty(Resolution.HOUR, LATE_HOUR));
      OptionalLong r3 = store.rollupRevision();
      assertThat(nodeB.deleteOlderThan(DataKind.DIRTY_BUCKETS, NOW, 10)).isPositive();
      assertThat(store.rollupRevision()).isNotEqualTo(r3);
    }
  }

  private TelemetryStore countingRows(AtomicLong rows) {
    return new ForwardingStore(store) {
      @Override
      public List<MetricSample> readSamples(SampleQuery query) {
        List<MetricSample> out = super.readSamples(query);
        rows.addAndGet(out.size());
        return out;
      }

      @Override
      public void close() {}
    };
  }

  /** The 24 h chart's point of the 5-minute step starting at {@code step}. */
  private static TrendPoint fiveMinutePoint(Trend day, Instant step) {
    assertThat(day.stepSeconds()).isEqualTo(300);
    return day.series().get(0).points().stream().filter(p -> p.ts().equals(step)).findFirst().orElseThrow();
  }

  /** 24 h, 7 d and 30 d: all routes, grouped by route, one route, one node. */
  private static List<Trend> charts(TelemetryQueries q) {
    List<Trend> out = new ArrayList<>();
    for (TimeRange range : List.of(TimeRange.LAST_24_HOURS, TimeRange.LAST_7_DAYS, TimeRange.LAST_30_DAYS)) {
      TrendQuery latency = TrendQuery.of(LATENCY, QueryRange.last(range));
      out.add(q.trend(latency));
      out.add(q.trend(latency.groupBy("route")));
      out.add(q.trend(latency.withLabel("route", "/b")));
      out.add(q.trend(latency.onNode("node-a")));
    }
    return out;
  }

  /** The 7 d chart's point of {@code hour} (hour steps). */
  private static TrendPoint point(TelemetryQueries q, Instant hour) {
    return q.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS))).series().get(0).points().stream()
        .filter(p -> p.ts().equals(hour)).findFirst().orElseThrow();
  }

  private TelemetryQueries queries(TelemetryStore on, boolean cache) {
    return TelemetryQueries.builder(on, CONTRACT, now, Duration.ofDays(30))
        .closedStepCacheBytes(cache ? 4L << 20 : 0).build();
  }

  private RollupJob job(TelemetryStore on) {
    return RollupJob.builder(on, CONTRACT, now).initialLookback(Duration.ofHours(24), Duration.ofDays(2)).build();
  }

  /**
   * Node {@code node-a} and its node-merged rows: hour rows from {@link #START} to six hours ago
   * and day rows for the whole days among them, as an earlier rollup left them; minutes (every
   * tenth) of the last six hours and the current one, rolled up into hours by the job; the rollup
   * watermarks at the current hour and day.
   */
  private void writeHistory() {
    Instant minutesFrom = HOUR.minus(Duration.ofHours(6));
    List<MetricSample> rolled = new ArrayList<>();
    for (String node : List.of("node-a", SampleQuery.CLUSTER)) {
      for (Instant h = START; h.isBefore(minutesFrom); h = h.plus(Duration.ofHours(1))) {
        for (String route : ROUTES) {
          rolled.add(hourRow(h, node, route));
        }
      }
      for (Instant d = Resolution.DAY.bucketStart(START).plus(Duration.ofDays(1)); d.isBefore(DAY);
          d = d.plus(Duration.ofDays(1))) {
        rolled.add(dayRow(d, node));
      }
    }
    assertOk(store.replaceSamples(rolled));
    for (Instant m = minutesFrom; m.isBefore(NOW); m = m.plus(Duration.ofMinutes(10))) {
      List<MetricSample> minute = new ArrayList<>();
      for (String route : ROUTES) {
        minute.add(latency(m, "node-a", route, m.toEpochMilli() + route.hashCode()));
      }
      write(store, "node-a", minute.toArray(MetricSample[]::new));
    }
    assertOk(store.writeWatermark(Watermarks.CLUSTER_SINCE, START));
    assertOk(store.writeWatermark(Watermarks.HOUR, minutesFrom));
    assertOk(store.writeWatermark(Watermarks.DAY, DAY));
    RollupReport report = job(store).runOnce();
    assertThat(store.readWatermark(Watermarks.HOUR)).as("%s", report).contains(HOUR);
  }

  private static MetricSample hourRow(Instant hour, String node, String route) {
    MetricSample s = latency(hour, node, route, hour.toEpochMilli() ^ route.hashCode());
    return new MetricSample(hour, Resolution.HOUR, s.metric(), node, s.labels(), s.kind(), s.count(), s.sum(),
        s.min(), s.max(), s.last(), s.sketch());
  }

  private static MetricSample dayRow(Instant day, String node) {
    MetricSample s = latency(day, node, "/a", day.toEpochMilli());
    return new MetricSample(day, Resolution.DAY, s.metric(), node, s.labels(), s.kind(), s.count(), s.sum(),
        s.min(), s.max(), s.last(), s.sketch());
  }

  /** Writes as the pipeline does: with the node-merged copies. */
  private static void write(TelemetryStore on, String node, MetricSample... samples) {
    WriteBatch batch = new WriteBatch(UUID.randomUUID().toString(), node, List.of(samples), List.of(), List.of(),
        List.of(), List.of()).withClusterSamples();
    assertOk(on.write(batch));
  }

  /** Latency values of one node, route and bucket: multiples of 1/1024 s from a fixed seed. */
  private static MetricSample latency(Instant bucket, String node, String route, long seed) {
    Random random = new Random(seed);
    double[] values = new double[3 + random.nextInt(20)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (1 + random.nextInt(3000)) / 1024.0;
    }
    return StoreRows.histogram(LATENCY, bucket, node, Map.of("route", route, "method", "GET"), values);
  }

  private static void assertOk(StoreResult result) {
    assertThat(result.success()).as(result.message()).isTrue();
  }
}
