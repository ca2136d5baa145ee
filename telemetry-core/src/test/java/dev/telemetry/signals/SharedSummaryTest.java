package dev.telemetry.signals;

import static dev.telemetry.contract.StandardMetrics.DB_POOL_UTILIZATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_DURATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_ERRORS;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_REQUESTS;
import static dev.telemetry.contract.StandardMetrics.PROCESS_MEMORY_UTILIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.telemetry.MutableClock;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.status.SectionError;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.SharedValue;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One summary per cluster (ADR 0058): one node computes the cluster's part, the others read it. */
class SharedSummaryTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:30:30Z");
  private static final Instant HOUR_AGO = Instant.parse("2026-11-23T09:30:00Z");
  private static final MetricContract CONTRACT =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryStore store = InMemoryStore.create();
  private final StoreData data = new StoreData(store);

  /** A node's view of the store that counts its sample reads. */
  private static final class Node extends ForwardingStore {
    final AtomicInteger sampleReads = new AtomicInteger();
    volatile boolean failLatency;

    Node(InMemoryStore store) {
      super(store);
    }

    @Override
    public List<MetricSample> readSamples(SampleQuery query) {
      sampleReads.incrementAndGet();
      if (failLatency && query.metric().equals(HTTP_SERVER_DURATION)) {
        throw new StoreException("latency table unreadable");
      }
      return super.readSamples(query);
    }
  }

  private SummaryService node(Node view, String name, Instant startedAt, boolean shared) {
    SummaryService.Builder b = SummaryService.builder(view, CONTRACT, clock, startedAt).node(name).service("shop");
    return (shared ? b.shareAcrossNodes() : b).build();
  }

  /** An hour of every sign on three nodes, the newest minutes busier, and a few ERROR logs. */
  private void writeHour() {
    for (int m = 0; m < 60; m++) {
      Instant minute = HOUR_AGO.plus(Duration.ofMinutes(m));
      for (int n = 0; n < 3; n++) {
        String node = "node-" + (char) ('a' + n);
        Map<String, String> route = Map.of("route", "/r" + n, "method", "GET", "status", "200");
        data.histogram(HTTP_SERVER_DURATION, node, route, minute, 0.010 * (n + 1), 0.001 * (m + 1), 0.2 + n);
        data.counter(HTTP_SERVER_REQUESTS, node, route, minute, 10 + m + n);
        data.counter(HTTP_SERVER_ERRORS, node, route, minute, (m + n) % 4);
        data.gauge(DB_POOL_UTILIZATION, node, Map.of("pool", "main"), minute, ((m * 7 + n * 13) % 100) / 100.0);
        data.gauge(PROCESS_MEMORY_UTILIZATION, node, Map.of(), minute, 0.4 + n / 10.0);
      }
    }
    data.log(LogLevel.ERROR, NOW.minusSeconds(40), "payment_failed");
  }

  @Test
  void onceNodeMergedRowsCoverTheHourNoSignReadsEachNodesRows() {
    Instant hour = NOW.minus(Duration.ofMinutes(61));
    for (int n = 0; n < 3; n++) {
      String node = "node-" + n;
      WriteBatch batch = new WriteBatch("b" + n, node, List.of(
          gauge(DB_POOL_UTILIZATION, node, Map.of("pool", "main"), NOW.minus(Duration.ofMinutes(2)), 0.2 * (n + 1)),
          gauge(PROCESS_MEMORY_UTILIZATION, node, Map.of(), NOW.minus(Duration.ofMinutes(3)), 0.5)),
          List.of(), List.of(), List.of(), List.of()).withClusterSamples();
      store.write(batch);
    }
    store.writeWatermark(Watermarks.CLUSTER_SINCE, hour);
    List<SampleQuery> queries = new CopyOnWriteArrayList<>();
    ForwardingStore recording = new ForwardingStore(store) {
      @Override
      public List<MetricSample> readSamples(SampleQuery query) {
        queries.add(query);
        return super.readSamples(query);
      }
    };

    Summary s = SummaryService.builder(recording, CONTRACT, clock, HOUR_AGO).node("node-0").build().refresh();

    assertThat(queries).isNotEmpty().allSatisfy(q -> assertThat(q.node()).isEqualTo(SampleQuery.CLUSTER));
    assertThat(s.vitalSign("saturation").value()).isCloseTo(60.0, offset(1e-9));
    assertThat(s.vitalSign("saturation").source()).isEqualTo(DB_POOL_UTILIZATION + "{pool=main}");
  }

  private static MetricSample gauge(String metric, String node, Map<String, String> labels, Instant minute,
      double value) {
    LatencySketch sketch = new LatencySketch();
    sketch.record(value);
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels,
        MetricKind.GAUGE, 1, value, value, value, value, sketch);
  }

  @Test
  void aSecondNodeShowsTheSummaryTheFirstSharedWithoutReadingSamples() {
    writeHour();
    Node a = new Node(store);
    Node b = new Node(store);

    Summary first = node(a, "node-a", HOUR_AGO.minus(Duration.ofHours(1)), true).refresh();
    Summary second = node(b, "node-b", HOUR_AGO.minus(Duration.ofHours(1)), true).refresh();

    assertThat(a.sampleReads.get()).isPositive();
    assertThat(b.sampleReads.get()).isZero();
    assertThat(second.vitalSigns()).isEqualTo(first.vitalSigns());
    assertThat(second.server().nodes()).isEqualTo(first.server().nodes()).containsExactly("node-a", "node-b", "node-c");
    assertThat(second.errorFeed()).isEqualTo(first.errorFeed()).hasSize(1);
    assertThat(second.vitalSign("saturation").value()).isPositive();
    assertThat(store.readShared(SummaryService.SHARED_NAME)).get().extracting(SharedValue::holder).isEqualTo("node-a");
  }

  @Test
  void aSummaryBuiltFromTheSharedPartEqualsTheOneTheNodeComputesFromTheStore() {
    writeHour();
    // node-b started 20 minutes ago, mid-minute: its own start-up minute stays out of its window
    Instant youngStart = NOW.minus(Duration.ofMinutes(20)).plusSeconds(7);
    node(new Node(store), "node-a", HOUR_AGO.minus(Duration.ofHours(1)), true).refresh();
    Node b = new Node(store);

    Summary fromShared = node(b, "node-b", youngStart, true).refresh();
    Summary computed = node(new Node(store), "node-b", youngStart, false).refresh();

    assertThat(b.sampleReads.get()).isZero();
    assertThat(fromShared).isEqualTo(computed);
    assertThat(fromShared.vitalSign("latency").sparkline().get(39).value()).isNotNull();
    assertThat(fromShared.vitalSign("latency").sparkline().get(40).value()).isNull(); // 10:10, the start-up minute
  }

  @Test
  void aNodeTakesTheLeaseOverOnceTheHolderStoppedRenewingIt() {
    writeHour();
    Node a = new Node(store);
    Node b = new Node(store);
    SummaryService leader = node(a, "node-a", HOUR_AGO, true);
    SummaryService follower = node(b, "node-b", HOUR_AGO, true);
    leader.refresh();
    Instant lastRenewal = clock.instant();

    // the leader dies; the follower keeps refreshing every 5 s
    int computedAt = -1;
    for (int s = 5; s <= 30 && computedAt < 0; s += SummaryService.REFRESH_SECONDS) {
      clock.set(lastRenewal.plusSeconds(s));
      int before = b.sampleReads.get();
      follower.refresh();
      if (b.sampleReads.get() > before) {
        computedAt = s;
      }
    }

    assertThat(computedAt).isEqualTo((int) SummaryService.SHARED_LEASE.toSeconds());
    assertThat(store.readShared(SummaryService.SHARED_NAME)).get().extracting(SharedValue::holder)
        .isEqualTo("node-b");
    // the old leader, back, reads the new holder's part
    clock.advance(Duration.ofSeconds(1));
    int before = a.sampleReads.get();
    Summary back = leader.refresh();
    assertThat(a.sampleReads.get()).isEqualTo(before);
    assertThat(back.vitalSigns()).isEqualTo(node(new Node(store), "node-a", HOUR_AGO, false).refresh().vitalSigns());
  }

  @Test
  void aSharedPartOlderThanTwoRefreshesIsNotShownEvenWhileItsLeaseLasts() {
    writeHour();
    node(new Node(store), "node-a", HOUR_AGO, true).refresh();
    Node b = new Node(store);
    clock.advance(SummaryService.SHARED_MAX_AGE.plusSeconds(1));

    node(b, "node-b", HOUR_AGO, true).refresh();

    assertThat(b.sampleReads.get()).isPositive();
    assertThat(store.readShared(SummaryService.SHARED_NAME)).get().extracting(SharedValue::holder)
        .isEqualTo("node-a"); // computed for itself, the lease stays with its holder
  }

  @Test
  void anUnreadableSharedPartIsIgnoredAndTheSummaryComputedHere() {
    writeHour();
    store.writeShared(new SharedValue(SummaryService.SHARED_NAME, "node-x", NOW, NOW.plusSeconds(15),
        new byte[] {0, 0, 0, 9, 1, 2}));
    Node b = new Node(store);

    Summary s = node(b, "node-b", HOUR_AGO, true).refresh();

    assertThat(b.sampleReads.get()).isPositive();
    assertThat(s).isEqualTo(node(new Node(store), "node-b", HOUR_AGO, false).refresh());
  }

  @Test
  void aSectionThatFailedOnTheHolderFailsAlikeOnEveryNode() {
    writeHour();
    Node a = new Node(store);
    a.failLatency = true;

    Summary first = node(a, "node-a", HOUR_AGO, true).refresh();
    Summary second = node(new Node(store), "node-b", HOUR_AGO, true).refresh();

    assertThat(first.errors()).extracting(SectionError::section).containsExactly("latency");
    assertThat(second.errors()).isEqualTo(first.errors());
    assertThat(second.vitalSign("latency").value()).isNull();
    assertThat(second.vitalSign("traffic").value()).isPositive();
  }
}
