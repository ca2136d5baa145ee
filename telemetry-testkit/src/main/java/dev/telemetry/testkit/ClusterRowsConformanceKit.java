package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.Summary;
import dev.telemetry.signals.Summary.VitalSign;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.sketch.LatencySketch;
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
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How every {@link TelemetryStore} serves node-merged rows (ADR 0018): a flush writes its minutes
 * a second time under {@link SampleQuery#CLUSTER}, the store merges every node's copy into one row
 * per label set, reads without a node never return those rows, and every answer read from them
 * (trends, totals, groups, the summary's vital signs) is exactly the answer read from each node's
 * rows, also after late data and its repair. {@link TelemetryStoreConformanceKit} extends it.
 *
 * <p>Values are multiples of 1/1024, so sums are exact in any order of addition and answers can be
 * compared with {@code equals}.
 */
public abstract class ClusterRowsConformanceKit extends ClosedStepsConformanceKit {
  private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
  private static final Instant HOUR = DAY.plus(Duration.ofHours(10));
  private static final String LATENCY = StandardMetrics.HTTP_SERVER_DURATION;
  private static final String REQUESTS = StandardMetrics.HTTP_SERVER_REQUESTS;
  private static final String POOL = StandardMetrics.DB_POOL_UTILIZATION;
  private static final MetricContract CONTRACT =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
  private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
  /** Hours 10 and 11 are closed (past the grace) and rolled up; the summary's hour is 11:05–12:05. */
  private final TestClock now = TestClock.at(HOUR.plus(Duration.ofMinutes(125)));

  @Test
  void mergesEveryNodesCopyIntoOneRowThatReadsWithoutANodeNeverReturn() {
    MetricSample a = latency(HOUR, "node-a", "/a", 1);
    MetricSample b = latency(HOUR, "node-b", "/a", 2);
    write(store, "node-a", a);
    write(store, "node-b", b);

    List<MetricSample> perNode = store.readSamples(SampleQuery.of(LATENCY, Resolution.MINUTE, HOUR, HOUR.plusSeconds(60)));
    List<MetricSample> merged = store.readSamples(new SampleQuery(LATENCY, Resolution.MINUTE, HOUR,
        HOUR.plusSeconds(60), Map.of(), SampleQuery.CLUSTER));

    assertThat(perNode).extracting(MetricSample::node).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(merged).hasSize(1);
    assertThat(merged.get(0).count()).isEqualTo(a.count() + b.count());
    assertThat(merged.get(0).sum()).isEqualTo(a.sum() + b.sum());
    LatencySketch both = new LatencySketch();
    both.merge(a.sketch());
    both.merge(b.sketch());
    assertThat(merged.get(0).quantile(0.95)).isEqualTo(both.quantile(0.95));
  }

  @Test
  void everyAnswerFromTheNodeMergedRowsEqualsTheAnswerFromEachNodesRows() {
    writeTwoHours();
    job().runOnce();

    List<Object> merged = answers();
    usePerNodeRowsOnly();
    List<Object> perNode = answers();

    assertThat(merged).isEqualTo(perNode);
    assertThat(((Trend) merged.get(0)).series().get(0).points()).anySatisfy(p -> assertThat(p.count()).isPositive());
  }

  @Test
  void aLateWriteShowsUpInTheNodeMergedHourOnceTheRepairRan() {
    writeTwoHours();
    job().runOnce();
    long before = hourPoint().count();
    MetricSample late = latency(HOUR.plus(Duration.ofMinutes(7)), "node-b", "/a", 99);

    write(store, "node-b", late);
    job().runOnce();

    assertThat(hourPoint().count()).isEqualTo(before + late.count());
    List<Object> merged = answers();
    usePerNodeRowsOnly();
    assertThat(merged).isEqualTo(answers());
  }

  /**
   * One summary per cluster (ADR 0058): node B shows what node A computed and shared through the
   * store, without reading a sample, and that equals what B computes from the store itself.
   */
  @Test
  void aSecondNodeShowsTheSummaryTheFirstSharedThroughTheStore() throws Exception {
    writeTwoHours();
    try (TelemetryStore second = secondNode()) {
      AtomicLong secondReads = new AtomicLong();
      TelemetryStore countingSecond = new ForwardingStore(second) {
        @Override
        public List<MetricSample> readSamples(SampleQuery query) {
          secondReads.incrementAndGet();
          return super.readSamples(query);
        }
      };
      Summary first = SummaryService.builder(store, CONTRACT, now, DAY).node("node-a").shareAcrossNodes().build()
          .refresh();
      Summary shared = SummaryService.builder(countingSecond, CONTRACT, now, DAY).node("node-b").shareAcrossNodes()
          .build().refresh();
      Summary computed = SummaryService.builder(second, CONTRACT, now, DAY).node("node-b").build().refresh();

      assertThat(secondReads.get()).as("sample reads of the second node").isZero();
      assertThat(shared.vitalSigns()).isEqualTo(first.vitalSigns()).isEqualTo(computed.vitalSigns());
      assertThat(shared.server()).isEqualTo(computed.server());
      for (String sign : List.of("latency", "saturation")) {
        assertThat(shared.vitalSign(sign).sparkline()).as(sign).anySatisfy(p -> assertThat(p.value()).isPositive());
      }
    }
  }

  @Test
  void twoNodesCreatingTheSameNodeMergedRowsAtOnceLoseNothing() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    long expected = 0;
    try (TelemetryStore second = secondNode()) {
      List<Future<Void>> writers = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        TelemetryStore on = n == 0 ? store : second;
        String node = NODES.get(n);
        List<MetricSample> batches = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
          batches.add(latency(HOUR.plus(Duration.ofMinutes(m)), node, "/a", 1000L * n + m));
        }
        expected += batches.stream().mapToLong(MetricSample::count).sum();
        writers.add(threads.submit(() -> {
          start.await();
          for (MetricSample s : batches) {
            write(on, node, s);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<Void> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    long merged = store.readSamples(new SampleQuery(LATENCY, Resolution.MINUTE, HOUR, HOUR.plus(Duration.ofHours(1)),
        Map.of(), SampleQuery.CLUSTER)).stream().mapToLong(MetricSample::count).sum();
    assertThat(merged).isEqualTo(expected);
  }

  /**
   * Three nodes, two routes, both metrics and two pools' utilisation (each pool highest on a
   * different node), every fifth minute of hours 10 and 11; {@code cluster.since} set.
   */
  private void writeTwoHours() {
    for (int m = 0; m < 120; m += 5) {
      for (int n = 0; n < NODES.size(); n++) {
        String node = NODES.get(n);
        Instant minute = HOUR.plus(Duration.ofMinutes(m));
        write(store, node, latency(minute, node, "/a", m * 10L + n), latency(minute, node, "/b", m * 10L + n + 5),
            requests(minute, node, "/a", 3 + n + m), requests(minute, node, "/b", 1 + n),
            StoreRows.gauge(POOL, minute, node, Map.of("pool", "main"), (n * 7 + m % 11) / 64.0, (n + 1) / 64.0),
            StoreRows.gauge(POOL, minute, node, Map.of("pool", "batch"), ((2 - n) * 9 + m % 13) / 64.0));
      }
    }
  }

  /** Moves {@code cluster.since} past every bucket: the queries read each node's rows, as before ADR 0018. */
  private void usePerNodeRowsOnly() {
    assertOk(store.writeWatermark(Watermarks.CLUSTER_SINCE, DAY.plus(Duration.ofDays(30))));
  }

  private List<Object> answers() {
    TelemetryQueries q = TelemetryQueries.builder(store, CONTRACT, now, Duration.ofDays(30)).build();
    List<Object> out = new ArrayList<>();
    for (TimeRange range : List.of(TimeRange.LAST_24_HOURS, TimeRange.LAST_HOUR, TimeRange.LAST_7_DAYS)) {
      TrendQuery latency = TrendQuery.of(LATENCY, QueryRange.last(range));
      out.add(q.trend(latency));
      out.add(q.trend(latency.groupBy("route")));
      out.add(q.trend(latency.withLabel("route", "/b")));
      out.add(q.trend(latency.onNode("node-b")));
      out.add(q.trend(TrendQuery.of(REQUESTS, QueryRange.last(range))));
      out.add(q.totals(latency));
    }
    List<VitalSign> vitals = SummaryService.builder(store, CONTRACT, now, DAY).build().refresh().vitalSigns();
    out.add(vitals);
    return out;
  }

  private dev.telemetry.query.Trend.TrendPoint hourPoint() {
    TelemetryQueries q = TelemetryQueries.builder(store, CONTRACT, now, Duration.ofDays(30)).build();
    return q.trend(TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_7_DAYS))).series().get(0).points().stream()
        .filter(p -> p.ts().equals(HOUR)).findFirst().orElseThrow();
  }

  private RollupJob job() {
    return RollupJob.builder(store, CONTRACT, now).initialLookback(Duration.ofHours(24), Duration.ofDays(2)).build();
  }

  /** Writes as the pipeline does: with the node-merged copies, then {@code cluster.since} if unset. */
  private static void write(TelemetryStore on, String node, MetricSample... samples) {
    WriteBatch batch = new WriteBatch(UUID.randomUUID().toString(), node, List.of(samples), List.of(), List.of(),
        List.of(), List.of()).withClusterSamples();
    assertOk(on.write(batch));
    assertThat(Watermarks.noteClusterRows(on, batch)).isTrue();
  }

  /** Latency values of one node, route and minute: multiples of 1/1024 s from a fixed seed. */
  private static MetricSample latency(Instant minute, String node, String route, long seed) {
    Random random = new Random(seed);
    double[] values = new double[5 + random.nextInt(30)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (1 + random.nextInt(3000)) / 1024.0;
    }
    return StoreRows.histogram(LATENCY, minute, node, Map.of("route", route, "method", "GET"), values);
  }

  private static MetricSample requests(Instant minute, String node, String route, long count) {
    return StoreRows.counter(REQUESTS, minute, node, Map.of("route", route, "method", "GET"), count, count);
  }

  private static void assertOk(StoreResult result) {
    assertThat(result.success()).as(result.message()).isTrue();
  }
}
