package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RebuildReport;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.sketch.LatencySketch;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every {@link TelemetryStore} keeps rollups true when data arrives late: writes mark the
 * hour (and day) they change, the rollup job re-merges marked buckets, a merge that races with a
 * write never clears that write's mark, and {@code rollups().rebuild(range)} recomputes a range.
 * {@link TelemetryStoreConformanceKit} extends it, so a store's one kit subclass runs these too.
 *
 * <p>A store shared by several processes overrides {@link #secondNode()} to open a second
 * instance over the same data, so the races run between two connections as between two nodes.
 */
public abstract class LateDataConformanceKit {
  /** The day every late-data test writes into. */
  private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
  /** The hour holding the late minute. */
  private static final Instant HOUR = DAY.plus(Duration.ofHours(10));
  /** The minute node A writes on time and node B's retried batch reaches late. */
  private static final Instant MINUTE = HOUR.plus(Duration.ofMinutes(5));
  private static final String LATENCY = StandardMetrics.HTTP_SERVER_DURATION;
  private static final Map<String, String> ROUTE = Map.of("route", "/orders/{id}", "method", "GET");
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();

  protected TelemetryStore store;
  /** Past the day's end and the grace: the hour and the day are both due. */
  private final TestClock clock = TestClock.at(DAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));

  /** A new, empty store for one test. */
  protected abstract TelemetryStore createStore() throws Exception;

  /**
   * Another node's view of the same data: by default {@link #store} itself (left open when the
   * test closes it). Stores shared across processes return a second instance over the same
   * database; the test closes it.
   */
  protected TelemetryStore secondNode() throws Exception {
    return new ForwardingStore(store) {
      @Override
      public void close() {}
    };
  }

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  // ---- the store contract of dirty buckets ---------------------------------------------------

  @Test
  void marksTheHourOfEveryMinuteWriteAndTheDayOfEveryHourWrite() {
    writeAs(store, "node-a", oneValue(MINUTE, "node-a", 0.1));
    writeAs(store, "node-a", oneValue(MINUTE.plus(Duration.ofHours(3)), "node-a", 0.1));

    assertThat(dirty(Resolution.HOUR)).extracting(DirtyBucket::bucketStart)
        .containsExactly(HOUR, HOUR.plus(Duration.ofHours(3)));
    assertThat(dirty(Resolution.DAY)).isEmpty();

    store.replaceSamples(List.of(hourOf(oneValue(MINUTE, "node-a", 0.1))));
    assertThat(dirty(Resolution.DAY)).extracting(DirtyBucket::bucketStart).containsExactly(DAY);
  }

  @Test
  void givesAMarkAFreshVersionOnEveryWrite() {
    writeAs(store, "node-a", oneValue(MINUTE, "node-a", 0.1));
    long first = dirty(Resolution.HOUR).get(0).version();
    writeAs(store, "node-b", oneValue(MINUTE.plus(Duration.ofMinutes(1)), "node-b", 0.2));
    store.markDirty(Resolution.HOUR, HOUR);

    assertThat(dirty(Resolution.HOUR)).singleElement().satisfies(mark -> {
      assertThat(mark.bucketStart()).isEqualTo(HOUR);
      assertThat(mark.version()).isNotEqualTo(first);
    });
  }

  @Test
  void replacesADirtyBucketOnlyWhileItsMarkIsUnchanged() {
    writeAs(store, "node-a", oneValue(MINUTE, "node-a", 0.1));
    DirtyBucket readBeforeTheLateWrite = dirty(Resolution.HOUR).get(0);
    writeAs(store, "node-b", oneValue(MINUTE, "node-b", 0.2));

    assertOk(store.replaceDirtyBucket(readBeforeTheLateWrite, List.of(hourOf(oneValue(MINUTE, "node-a", 0.1)))));
    assertThat(samples(Resolution.HOUR)).as("a stale merge is not written").isEmpty();
    DirtyBucket current = dirty(Resolution.HOUR).get(0);
    assertThat(current.version()).as("the late write's mark survives").isNotEqualTo(readBeforeTheLateWrite.version());

    assertOk(store.replaceDirtyBucket(current, List.of(hourOf(oneValue(MINUTE, "node-a", 0.1)),
        hourOf(oneValue(MINUTE, "node-b", 0.2)))));
    assertThat(samples(Resolution.HOUR)).hasSize(2);
    assertThat(dirty(Resolution.HOUR)).isEmpty();
    assertThat(dirty(Resolution.DAY)).extracting(DirtyBucket::bucketStart).containsExactly(DAY);

    assertOk(store.replaceDirtyBucket(current, List.of()));
    assertThat(samples(Resolution.HOUR)).as("a mark already merged changes nothing").hasSize(2);
  }

  @Test
  void readsDirtyBucketsOfOneResolutionOldestFirstWithinTheRangeUpToTheLimit() {
    for (int h : new int[] {5, 1, 3, 7}) {
      store.markDirty(Resolution.HOUR, DAY.plus(Duration.ofHours(h)));
    }
    store.markDirty(Resolution.DAY, DAY);

    assertThat(store.readDirtyBuckets(Resolution.HOUR, DAY.plus(Duration.ofHours(1)), DAY.plus(Duration.ofHours(7)),
        2)).extracting(DirtyBucket::bucketStart)
        .containsExactly(DAY.plus(Duration.ofHours(1)), DAY.plus(Duration.ofHours(3)));
    assertThat(store.readDirtyBuckets(Resolution.HOUR, DAY, DAY.plus(Duration.ofDays(1)), 10)).hasSize(4)
        .allSatisfy(mark -> assertThat(mark.resolution()).isEqualTo(Resolution.HOUR));
  }

  @Test
  void deletesOldDirtyMarksInBoundedChunks() {
    for (int h = 0; h < 5; h++) {
      store.markDirty(Resolution.HOUR, DAY.plus(Duration.ofHours(h)));
    }

    assertThat(store.deleteOlderThan(DataKind.DIRTY_BUCKETS, DAY.plus(Duration.ofHours(3)), 2)).isEqualTo(2);
    assertThat(store.deleteOlderThan(DataKind.DIRTY_BUCKETS, DAY.plus(Duration.ofHours(3)), 2)).isEqualTo(1);
    assertThat(store.deleteOlderThan(DataKind.DIRTY_BUCKETS, DAY.plus(Duration.ofHours(3)), 2)).isZero();
    assertThat(dirty(Resolution.HOUR)).extracting(DirtyBucket::bucketStart)
        .containsExactly(DAY.plus(Duration.ofHours(3)), DAY.plus(Duration.ofHours(4)));
  }

  // ---- the rollup job over the store ----------------------------------------------------------

  @Test
  void aBatchRetriedAfterTheRollupReachesTheHourTheDayAndEveryWiderTotal() throws Exception {
    MetricSample onTime = latency(MINUTE, "node-a", 1, 100);
    MetricSample late = latency(MINUTE, "node-b", 2, 100);
    writeAs(store, "node-a", onTime);
    RollupReport first = job(store).runOnce();
    assertThat(first.hoursRolled()).isEqualTo(24);
    assertThat(total(Resolution.HOUR)).isEqualTo(100);

    try (TelemetryStore nodeB = secondNode()) {
      writeAs(nodeB, "node-b", late);
    }
    RollupReport second = job(store).runOnce();

    assertThat(second.hoursRolled()).isZero();
    assertThat(second.hoursRepaired()).isEqualTo(1);
    assertThat(second.daysRepaired()).isEqualTo(1);
    assertThat(second.caughtUp()).isTrue();
    LatencySketch all = merged(onTime, late);
    assertThat(total(Resolution.MINUTE)).isEqualTo(200);
    assertThat(total(Resolution.HOUR)).isEqualTo(200);
    assertThat(total(Resolution.DAY)).isEqualTo(200);
    TelemetryQueries queries = TelemetryQueries.builder(store, CONTRACT, clock, Duration.ofDays(30)).build();
    TrendPoint hourPoint = queries.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS)))
        .series().get(0).points().stream().filter(p -> p.ts().equals(HOUR)).findFirst().orElseThrow();
    TrendPoint dayTotal = queries.totals(TrendQuery.of(LATENCY, QueryRange.between(DAY, DAY.plus(Duration.ofDays(1)))))
        .series().get(0).points().get(0);
    for (TrendPoint point : List.of(hourPoint, dayTotal)) {
      assertThat(point.count()).isEqualTo(200);
      assertThat(point.p50()).isEqualTo(all.quantile(0.50));
      assertThat(point.p95()).isEqualTo(all.quantile(0.95));
      assertThat(point.p99()).isEqualTo(all.quantile(0.99));
    }
    assertThat(dirty(Resolution.HOUR)).isEmpty();
    assertThat(dirty(Resolution.DAY)).isEmpty();
  }

  @Test
  void aWriteDuringTheReMergeKeepsItsMarkForTheNextRun() throws Exception {
    writeAs(store, "node-a", latency(MINUTE, "node-a", 1, 100));
    job(store).runOnce();
    writeAs(store, "node-b", latency(MINUTE, "node-b", 2, 100));
    AtomicBoolean armed = new AtomicBoolean(true);
    try (TelemetryStore nodeC = secondNode()) {
      TelemetryStore racing = new ForwardingStore(store) {
        @Override
        public List<MetricSample> readSamples(SampleQuery query) {
          List<MetricSample> read = super.readSamples(query);
          if (query.resolution() == Resolution.MINUTE && armed.compareAndSet(true, false)) {
            // lands after the merge read the minutes, before it writes the hour
            writeAs(nodeC, "node-c", latency(MINUTE.plus(Duration.ofMinutes(1)), "node-c", 3, 100));
          }
          return read;
        }
      };
      job(racing).runOnce();
    }

    assertThat(armed).isFalse();
    assertThat(dirty(Resolution.HOUR)).as("the racing write's mark").extracting(DirtyBucket::bucketStart)
        .containsExactly(HOUR);
    job(store).runOnce();
    assertThat(total(Resolution.MINUTE)).isEqualTo(300);
    assertThat(total(Resolution.HOUR)).isEqualTo(300);
    assertThat(total(Resolution.DAY)).isEqualTo(300);
    assertThat(dirty(Resolution.HOUR)).isEmpty();
  }

  @Test
  void twoNodesRollingUpAtOnceWhileLateBatchesLandLoseNothing() throws Exception {
    List<MetricSample> written = new ArrayList<>();
    for (int h = 0; h < 4; h++) {
      written.add(latency(MINUTE.plus(Duration.ofHours(h)), "node-a", h, 50));
    }
    writeAs(store, "node-a", written.toArray(MetricSample[]::new));
    job(store).runOnce();
    MetricSample firstLate = latency(MINUTE, "node-b", 100, 50);
    writeAs(store, "node-b", firstLate);
    written.add(firstLate);

    ExecutorService threads = Executors.newFixedThreadPool(3);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try (TelemetryStore nodeB = secondNode()) {
      List<MetricSample> racingLate = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        racingLate.add(latency(MINUTE.plus(Duration.ofHours(i % 4)).plus(Duration.ofMinutes(i)), "node-b", 200 + i, 25));
      }
      Future<Integer> jobA = threads.submit(awaiting(start, () -> rollWhile(writing, store)));
      Future<Integer> jobB = threads.submit(awaiting(start, () -> rollWhile(writing, nodeB)));
      Future<Void> writer = threads.submit(awaiting(start, () -> {
        try {
          for (MetricSample s : racingLate) {
            writeAs(nodeB, "node-b", s);
          }
        } finally {
          writing.set(false);
        }
        return null;
      }));
      start.countDown();
      writer.get(60, TimeUnit.SECONDS);
      assertThat(jobA.get(60, TimeUnit.SECONDS)).isPositive();
      assertThat(jobB.get(60, TimeUnit.SECONDS)).isPositive();
      written.addAll(racingLate);
    } finally {
      threads.shutdownNow();
    }
    RollupReport settle = job(store).runOnce();

    assertThat(settle.caughtUp()).isTrue();
    long expected = written.stream().mapToLong(MetricSample::count).sum();
    assertThat(total(Resolution.MINUTE)).isEqualTo(expected);
    for (int h = 0; h < 4; h++) {
      Instant hour = HOUR.plus(Duration.ofHours(h));
      long inHour = written.stream().filter(s -> Resolution.HOUR.bucketStart(s.bucketStart()).equals(hour))
          .mapToLong(MetricSample::count).sum();
      assertThat(total(Resolution.HOUR, hour, hour.plus(Duration.ofHours(1)))).as("hour %s", hour).isEqualTo(inHour);
    }
    assertThat(total(Resolution.DAY)).isEqualTo(expected);
    assertThat(mergedStored(Resolution.DAY).quantile(0.95))
        .isEqualTo(merged(written.toArray(MetricSample[]::new)).quantile(0.95));
    assertThat(dirty(Resolution.HOUR)).isEmpty();
    assertThat(dirty(Resolution.DAY)).isEmpty();
  }

  @Test
  void rebuildRestoresADeletedHourAndRunningItAgainChangesNothing() {
    writeAs(store, "node-a", latency(MINUTE, "node-a", 1, 100), latency(MINUTE, "node-b", 2, 40));
    RollupJob job = job(store);
    job.runOnce();
    List<String> rolledUp = rows();
    store.deleteOlderThan(DataKind.HOUR_SAMPLES, HOUR.plus(Duration.ofHours(1)), 1_000);
    assertThat(total(Resolution.HOUR)).isZero();

    RebuildReport rebuilt = job.rebuild(HOUR, HOUR.plus(Duration.ofHours(1)));

    assertThat(rebuilt.complete()).isTrue();
    assertThat(rebuilt.hoursRebuilt()).isEqualTo(1);
    assertThat(rebuilt.daysRebuilt()).isEqualTo(1);
    assertThat(rows()).isEqualTo(rolledUp);
    job.rebuild(DAY.plus(Duration.ofHours(2)), DAY.plus(Duration.ofHours(23)));
    job.runOnce();
    assertThat(rows()).isEqualTo(rolledUp);
    assertThat(total(Resolution.HOUR)).isEqualTo(140);
    assertThat(total(Resolution.DAY)).isEqualTo(140);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private RollupJob job(TelemetryStore on) {
    return RollupJob.builder(on, CONTRACT, clock).initialLookback(Duration.ofHours(24), Duration.ofDays(2)).build();
  }

  /** Runs rollups on {@code on} until the writes end (at most 200 runs), each without a failure; returns the runs. */
  private int rollWhile(AtomicBoolean writing, TelemetryStore on) {
    int runs = 0;
    do {
      assertThat(job(on).runOnce().failure()).isEmpty();
      runs++;
    } while (writing.get() && runs < 200);
    return runs;
  }

  private static <T> Callable<T> awaiting(CountDownLatch start, Callable<T> work) {
    return () -> {
      if (!start.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the racing threads were never released");
      }
      return work.call();
    };
  }

  /** {@code count} latency values of one node in one minute, drawn from a fixed seed. */
  private static MetricSample latency(Instant minute, String node, long seed, int count) {
    double[] values = new Random(seed).doubles(count, 0.005, 3.0).toArray();
    return StoreRows.histogram(LATENCY, minute, node, ROUTE, values);
  }

  /** One latency value of one node in one minute. */
  private static MetricSample oneValue(Instant minute, String node, double value) {
    return StoreRows.histogram(LATENCY, minute, node, ROUTE, value);
  }

  private static MetricSample hourOf(MetricSample minute) {
    return new MetricSample(Resolution.HOUR.bucketStart(minute.bucketStart()), Resolution.HOUR, minute.metric(),
        minute.node(), minute.labels(), minute.kind(), minute.count(), minute.sum(), minute.min(), minute.max(),
        minute.last(), minute.sketch());
  }

  private static void writeAs(TelemetryStore on, String node, MetricSample... samples) {
    StoreResult result = on.write(new WriteBatch(UUID.randomUUID().toString(), node, List.of(samples), List.of(),
        List.of(), List.of(), List.of()));
    assertOk(result);
  }

  private static void assertOk(StoreResult result) {
    assertThat(result.success()).as(result.message()).isTrue();
  }

  private List<DirtyBucket> dirty(Resolution resolution) {
    return store.readDirtyBuckets(resolution, DAY.minus(Duration.ofDays(2)), DAY.plus(Duration.ofDays(2)), 100);
  }

  private List<MetricSample> samples(Resolution resolution) {
    return samples(resolution, DAY, DAY.plus(Duration.ofDays(1)));
  }

  private List<MetricSample> samples(Resolution resolution, Instant from, Instant to) {
    return store.readSamples(SampleQuery.of(LATENCY, resolution, from, to));
  }

  private long total(Resolution resolution) {
    return total(resolution, DAY, DAY.plus(Duration.ofDays(1)));
  }

  private long total(Resolution resolution, Instant from, Instant to) {
    return samples(resolution, from, to).stream().mapToLong(MetricSample::count).sum();
  }

  private LatencySketch mergedStored(Resolution resolution) {
    return merged(samples(resolution).toArray(MetricSample[]::new));
  }

  private static LatencySketch merged(MetricSample... samples) {
    LatencySketch merged = new LatencySketch();
    for (MetricSample s : samples) {
      merged.merge(s.sketch());
    }
    return merged;
  }

  /** Every hour and day row of the day, as comparable text. */
  private List<String> rows() {
    List<MetricSample> all = new ArrayList<>(samples(Resolution.HOUR));
    all.addAll(samples(Resolution.DAY));
    return all.stream()
        .sorted(Comparator.comparing(MetricSample::resolution).thenComparing(MetricSample::bucketStart)
            .thenComparing(MetricSample::node))
        .map(s -> s.resolution() + " " + s.bucketStart() + " " + s.node() + " " + s.count() + " " + s.sum() + " "
            + s.min() + " " + s.max() + " " + s.quantile(0.5) + " " + s.quantile(0.95) + " " + s.quantile(0.99))
        .collect(Collectors.toList());
  }
}
