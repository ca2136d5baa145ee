package dev.telemetry.testkit;

import static dev.telemetry.testkit.StoreRows.counter;
import static dev.telemetry.testkit.StoreRows.histogram;
import static dev.telemetry.testkit.StoreRows.log;
import static dev.telemetry.testkit.StoreRows.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TelemetryStore} must have. Subclass it once per store and implement
 * {@link #createStore()}; each test gets a fresh, empty store. The late-data tests of {@link
 * LateDataConformanceKit}, the node-merged rows of {@link ClusterRowsConformanceKit} and the leases of
 * {@link SharedValueConformanceKit} run too.
 *
 * <pre>{@code
 * class MyStoreConformanceTest extends TelemetryStoreConformanceKit {
 *   protected TelemetryStore createStore() { return new MyStore(...); }
 * }
 * }</pre>
 */
public abstract class TelemetryStoreConformanceKit extends LongHorizonConformanceKit {
  /** A minute boundary every test builds its timestamps from. */
  protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant BEFORE = T0.minus(Duration.ofDays(1));
  private static final Instant AFTER = T0.plus(Duration.ofDays(1));
  private static final String LATENCY = "http_server_duration_seconds";
  private static final String REQUESTS = "http_server_requests_total";

  private void write(WriteBatch batch) {
    assertThat(store.write(batch)).extracting(StoreResult::success).isEqualTo(true);
  }

  private List<MetricSample> samples(String metric, Resolution resolution) {
    return store.readSamples(SampleQuery.of(metric, resolution, BEFORE, AFTER));
  }

  private static Instant minute(int n) {
    return T0.plus(Duration.ofMinutes(n));
  }

  // ---- metric samples ------------------------------------------------------------------------

  @Test
  void readsBackSamplesWithEveryField() {
    MetricSample written = histogram(LATENCY, T0, "node-a", Map.of("route", "/a", "method", "GET"), 0.1, 0.2, 0.4);
    write(StoreRows.samples(written));

    assertThat(samples(LATENCY, Resolution.MINUTE)).singleElement().satisfies(s -> {
      assertThat(s.bucketStart()).isEqualTo(T0);
      assertThat(s.resolution()).isEqualTo(Resolution.MINUTE);
      assertThat(s.metric()).isEqualTo(LATENCY);
      assertThat(s.node()).isEqualTo("node-a");
      assertThat(s.labels()).isEqualTo(Map.of("route", "/a", "method", "GET"));
      assertThat(s.kind()).isEqualTo(written.kind());
      assertThat(s.count()).isEqualTo(3);
      assertThat(s.sum()).isCloseTo(0.7, within(1e-12));
      assertThat(s.min()).isEqualTo(0.1);
      assertThat(s.max()).isEqualTo(0.4);
      assertThat(s.sketch().count()).isEqualTo(3);
      assertThat(s.quantile(0.5)).isEqualTo(written.quantile(0.5));
      assertThat(s.quantile(0.99)).isEqualTo(written.quantile(0.99));
    });
  }

  @Test
  void readsCountersWithoutSketchesAndGaugesWithTheirLastValue() {
    write(StoreRows.samples(counter(REQUESTS, T0, "node-a", Map.of("status", "200"), 4, 4),
        StoreRows.gauge("db_pool_utilization_ratio", T0, "node-a", Map.of("pool", "main"), 0.2, 0.8, 0.5)));

    assertThat(samples(REQUESTS, Resolution.MINUTE)).singleElement().satisfies(s -> {
      assertThat(s.sum()).isEqualTo(4);
      assertThat(s.count()).isEqualTo(4);
      assertThat(s.sketch()).isNull();
    });
    assertThat(samples("db_pool_utilization_ratio", Resolution.MINUTE)).singleElement().satisfies(s -> {
      assertThat(s.last()).isEqualTo(0.5);
      assertThat(s.max()).isEqualTo(0.8);
    });
  }

  @Test
  void selectsSamplesByMetricResolutionAndHalfOpenRange() {
    write(StoreRows.samples(counter(REQUESTS, minute(0), "node-a", Map.of(), 1, 1),
        counter(REQUESTS, minute(1), "node-a", Map.of(), 1, 2),
        counter(REQUESTS, minute(2), "node-a", Map.of(), 1, 3),
        counter("other_total", minute(1), "node-a", Map.of(), 1, 100)));
    store.replaceSamples(List.of(histogram(LATENCY, Resolution.HOUR, T0, "node-a", Map.of(), 1.0)));

    List<MetricSample> window = store.readSamples(SampleQuery.of(REQUESTS, Resolution.MINUTE, minute(1), minute(2)));
    assertThat(window).extracting(MetricSample::sum).containsExactly(2.0);
    assertThat(samples(LATENCY, Resolution.MINUTE)).isEmpty();
    assertThat(samples(LATENCY, Resolution.HOUR)).hasSize(1);
  }

  @Test
  void filtersSamplesByLabelsAndNode() {
    write(StoreRows.samples(counter(REQUESTS, T0, "node-a", Map.of("route", "/a", "status", "200"), 1, 1),
        counter(REQUESTS, T0, "node-a", Map.of("route", "/a", "status", "500"), 1, 2),
        counter(REQUESTS, T0, "node-b", Map.of("route", "/b", "status", "200"), 1, 4)));

    Function<SampleQuery, Double> total = q -> store.readSamples(q).stream().mapToDouble(MetricSample::sum).sum();
    assertThat(total.apply(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of("route", "/a"), null)))
        .isEqualTo(3.0);
    assertThat(total.apply(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of("status", "200"), null)))
        .isEqualTo(5.0);
    assertThat(total.apply(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of(), "node-b")))
        .isEqualTo(4.0);
    assertThat(total.apply(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of(), null)))
        .isEqualTo(7.0);
  }

  @Test
  void mergesSamplesWithTheSameKeyFromDifferentBatches() {
    Map<String, String> labels = Map.of("route", "/a");
    write(StoreRows.samples(histogram(LATENCY, T0, "node-a", labels, 0.1, 0.2)));
    write(StoreRows.samples(histogram(LATENCY, T0, "node-a", labels, 0.05, 0.9)));

    assertThat(samples(LATENCY, Resolution.MINUTE)).singleElement().satisfies(s -> {
      assertThat(s.count()).isEqualTo(4);
      assertThat(s.sum()).isCloseTo(1.25, within(1e-12));
      assertThat(s.min()).isEqualTo(0.05);
      assertThat(s.max()).isEqualTo(0.9);
      assertThat(s.sketch().count()).isEqualTo(4);
    });
  }

  @Test
  void keepsSamplesOfDifferentNodesApart() {
    write(StoreRows.samples(histogram(LATENCY, T0, "node-a", Map.of(), 0.1),
        histogram(LATENCY, T0, "node-b", Map.of(), 0.2)));

    assertThat(samples(LATENCY, Resolution.MINUTE)).extracting(MetricSample::node)
        .containsExactlyInAnyOrder("node-a", "node-b");
  }

  @Test
  void appliesABatchIdOnlyOnce() {
    WriteBatch batch = StoreRows.samples(counter(REQUESTS, T0, "node-a", Map.of(), 5, 5));
    write(batch);
    write(batch);
    write(new WriteBatch(batch.batchId(), "node-a", batch.samples(), List.of(), List.of(), List.of(), List.of()));

    assertThat(samples(REQUESTS, Resolution.MINUTE)).singleElement()
        .satisfies(s -> assertThat(s.sum()).isEqualTo(5));
  }

  @Test
  void replacesSamplesRatherThanMergingThem() {
    store.replaceSamples(List.of(histogram(LATENCY, Resolution.HOUR, T0, "node-a", Map.of(), 1, 2, 3)));
    store.replaceSamples(List.of(histogram(LATENCY, Resolution.HOUR, T0, "node-a", Map.of(), 1, 2, 3)));

    assertThat(samples(LATENCY, Resolution.HOUR)).singleElement()
        .satisfies(s -> assertThat(s.count()).isEqualTo(3));
  }

  @Test
  void storesSqlShapedLabelValuesAsData() {
    String hostile = "x'); DROP TABLE telemetry_samples; --";
    Map<String, String> labels = Map.of("route", hostile, "method", "\" OR 1=1 --", "status", "%_\\");
    write(StoreRows.samples(counter(REQUESTS, T0, "node-a", labels, 1, 1)));
    write(StoreRows.samples(counter(REQUESTS, minute(1), "node-a", Map.of("route", "/plain"), 1, 1)));

    assertThat(store.readSamples(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of("route", hostile),
        null))).singleElement().satisfies(s -> assertThat(s.labels()).isEqualTo(labels));
    assertThat(store.readSamples(new SampleQuery(REQUESTS, Resolution.MINUTE, BEFORE, AFTER, Map.of("status", "%"),
        null))).isEmpty();
    assertThat(samples(REQUESTS, Resolution.MINUTE)).hasSize(2);
  }

  // ---- logs ----------------------------------------------------------------------------------

  private List<LogEvent> manyLogs(int n, Instant start) {
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // several rows share a millisecond, so ordering needs the tie-breaking id
      logs.add(log(start.plusMillis(i / 3), i % 5 == 0 ? LogLevel.ERROR : LogLevel.WARN, "billing", "e" + i,
          "message " + i, null));
    }
    return logs;
  }

  private List<LogEvent> readAllLogs(LogQuery first) {
    List<LogEvent> all = new ArrayList<>();
    Page<LogEvent> page = store.readLogs(first);
    all.addAll(page.items());
    while (page.hasMore()) {
      page = store.readLogs(first.withCursor(page.nextCursor()));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(first.limit());
      all.addAll(page.items());
    }
    return all;
  }

  @Test
  void pagesLogsNewestFirstWithoutGapsOrDuplicates() {
    write(StoreRows.logs(manyLogs(250, T0)));

    List<LogEvent> all = readAllLogs(LogQuery.range(BEFORE, AFTER, 100));
    assertThat(all).hasSize(250);
    assertThat(all).extracting(LogEvent::event).doesNotHaveDuplicates();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).ts()).isBeforeOrEqualTo(all.get(i - 1).ts());
    }
    assertThat(store.readLogs(LogQuery.range(BEFORE, AFTER, 100)).items()).hasSize(100);
  }

  @Test
  void keepsPagesStableWhileNewerRowsAreInserted() {
    write(StoreRows.logs(manyLogs(30, T0)));
    LogQuery query = LogQuery.range(BEFORE, AFTER, 10);
    Page<LogEvent> first = store.readLogs(query);
    write(StoreRows.logs(manyLogs(30, T0.plusSeconds(60))));

    List<LogEvent> rest = new ArrayList<>();
    Page<LogEvent> page = first;
    while (page.hasMore()) {
      page = store.readLogs(query.withCursor(page.nextCursor()));
      rest.addAll(page.items());
    }
    Set<String> seen = new HashSet<>();
    first.items().forEach(l -> seen.add(l.event() + l.ts()));
    rest.forEach(l -> assertThat(seen.add(l.event() + l.ts())).as("duplicate %s", l).isTrue());
    assertThat(seen).hasSize(30);
    assertThat(rest).allSatisfy(l -> assertThat(l.ts()).isBefore(T0.plusSeconds(60)));
  }

  @Test
  void filtersLogsByLevelDomainServiceTraceIdTimeAndText() {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    write(StoreRows.logs(List.of(
        log(minute(0), LogLevel.ERROR, "billing", "charge_failed", "Card DECLINED by issuer", trace),
        log(minute(1), LogLevel.WARN, "billing", "slow_charge", "took 3s", null),
        log(minute(2), LogLevel.ERROR, "auth", "login_failed", "bad password attempt", null),
        log(minute(3), LogLevel.WARN, "auth", "rate_100%_used", "quota at 100%", null))));

    Function<LogQuery, List<String>> events = q -> store.readLogs(q).items().stream().map(LogEvent::event).toList();
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withLevels(Set.of(LogLevel.ERROR))))
        .containsExactly("login_failed", "charge_failed");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withDomain("billing")))
        .containsExactly("slow_charge", "charge_failed");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withService("svc"))).hasSize(4);
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withService("other"))).isEmpty();
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withSearch("declined")))
        .containsExactly("charge_failed");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withSearch("LOGIN")))
        .containsExactly("login_failed");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withSearch("100%")))
        .containsExactly("rate_100%_used");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withSearch("%")))
        .containsExactly("rate_100%_used");
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withSearch("' OR '1'='1")))
        .isEmpty();
    assertThat(events.apply(LogQuery.range(BEFORE, AFTER, 10).withTraceId(trace)))
        .containsExactly("charge_failed");
    assertThat(events.apply(LogQuery.range(minute(1), minute(3), 10)))
        .containsExactly("login_failed", "slow_charge");
  }

  @Test
  void readsLogFieldsBack() {
    LogEvent written = new LogEvent(T0, LogLevel.ERROR, "svc", "node-a", "billing", "charge_failed",
        "ünïcödé message ✓", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        Map.of("provider", "stripe", "attempt", "2"));
    write(StoreRows.logs(List.of(written)));

    assertThat(store.readLogs(LogQuery.range(BEFORE, AFTER, 1)).items()).containsExactly(written);
  }

  @Test
  void rejectsCursorsItDidNotIssue() {
    write(StoreRows.logs(manyLogs(5, T0)));
    for (String bad : List.of("garbage", "' OR 1=1 --", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00")) {
      assertThatThrownBy(() -> store.readLogs(LogQuery.range(BEFORE, AFTER, 10).withCursor(bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
      assertThatThrownBy(() -> store.readTraces(TraceQuery.range(BEFORE, AFTER, 10).withCursor(bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
    }
  }

  // ---- traces --------------------------------------------------------------------------------

  @Test
  void filtersTracesByErrorsDurationRouteDomainAndTraceId() {
    write(StoreRows.traces(List.of(
        span(minute(0), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "/users/{id}", 200, 12),
        span(minute(1), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", "/users/{id}", 503, 40),
        span(minute(2), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3", "/orders", 200, 2500),
        span(minute(3), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4", "/orders", 200, 8))));

    Function<TraceQuery, List<String>> ids = q -> store.readTraces(q).items().stream().map(TraceRecord::traceId).toList();
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, true, 0, null, null, null, null, 10)))
        .containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2");
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, false, 1000, null, null, null, null, 10)))
        .containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3");
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, false, 0, null, "/orders", null, null, 10)))
        .containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3");
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, false, 0, "api", null, null, null, 10))).hasSize(4);
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, false, 0, "web", null, null, null, 10))).isEmpty();
    assertThat(ids.apply(new TraceQuery(BEFORE, AFTER, false, 0, null, null, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
        null, 10))).containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1");
  }

  @Test
  void pagesTracesNewestFirstAndReadsTheirFieldsBack() {
    List<TraceRecord> spans = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      spans.add(span(T0.plusMillis(i / 2), String.format("%032x", i), "/r", 200, i));
    }
    write(StoreRows.traces(spans));

    List<TraceRecord> all = new ArrayList<>();
    TraceQuery q = TraceQuery.range(BEFORE, AFTER, 10);
    Page<TraceRecord> page = store.readTraces(q);
    all.addAll(page.items());
    while (page.hasMore()) {
      page = store.readTraces(q.withCursor(page.nextCursor()));
      all.addAll(page.items());
    }
    assertThat(all).hasSize(25).doesNotHaveDuplicates().containsAll(spans);
    assertThat(all.get(0).ts()).isEqualTo(T0.plusMillis(12));
  }

  // ---- events, heartbeats, watermarks ----------------------------------------------------------

  @Test
  void readsEventsByTypeAndRangeNewestFirstUpToTheLimit() {
    write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(
        StoreRows.event(minute(0), "deployment_created", "p1", Map.of("network", "mainnet"), Outcome.SUCCESS),
        StoreRows.event(minute(1), "deployment_created", "p2", Map.of("network", "testnet"), Outcome.FAILURE),
        StoreRows.event(minute(2), "user_signed_up", "u1", Map.of("tier", "pro"), Outcome.NONE),
        StoreRows.event(minute(3), "deployment_created", null, Map.of(), Outcome.SUCCESS)), List.of()));

    List<BusinessEvent> deployments = store.readEvents(new EventQuery("deployment_created", BEFORE, AFTER, 10));
    assertThat(deployments).extracting(BusinessEvent::ts).containsExactly(minute(3), minute(1), minute(0));
    assertThat(deployments.get(1).dimensions()).isEqualTo(Map.of("network", "testnet"));
    assertThat(deployments.get(1).outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(deployments.get(1).subject()).isEqualTo("p2");
    assertThat(deployments.get(0).subject()).isNull();
    assertThat(store.readEvents(new EventQuery(null, BEFORE, AFTER, 2))).hasSize(2);
    assertThat(store.readEvents(new EventQuery(null, minute(1), minute(3), 10))).hasSize(2);
  }

  @Test
  void keepsTheLatestHeartbeatPerNameAndNode() {
    write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(), List.of(
        StoreRows.heartbeat("price_feed", "node-a", minute(1)),
        StoreRows.heartbeat("price_feed", "node-b", minute(0)))));
    write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(), List.of(
        StoreRows.heartbeat("price_feed", "node-a", minute(0)),
        StoreRows.heartbeat("price_feed", "node-b", minute(5)))));

    assertThat(store.readHeartbeats()).extracting(Heartbeat::node, Heartbeat::lastSeen)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("node-a", minute(1)),
            org.assertj.core.groups.Tuple.tuple("node-b", minute(5)));
  }

  @Test
  void roundTripsWatermarks() {
    assertThat(store.readWatermark("rollup.hour")).isEmpty();
    store.writeWatermark("rollup.hour", T0);
    store.writeWatermark("rollup.hour", minute(60));

    assertThat(store.readWatermark("rollup.hour")).contains(minute(60));
    assertThat(store.readWatermark("rollup.day")).isEmpty();
  }

  // ---- event analytics (read through the query engine) ------------------------------------------

  @Test
  void answersEventValueStatisticsOverallAndPerBreakdownRowWithinTheSketchBound() {
    EventAnalyticsChecks c = new EventAnalyticsChecks(store, T0);
    c.writeSwaps(store, 3_000);

    EventAnalytics all = c.ask(c.week().by("asset").limit(5));
    assertThat(all.count()).isEqualTo(3_000);
    EventAnalyticsChecks.assertValueStats(all.valueStats(), c.thisWeek, "all swaps");
    List<String> ranked = EventAnalyticsChecks.tokensByCount(c.thisWeek);
    assertThat(all.breakdown()).extracting(EventShare::value)
        .containsExactlyElementsOf(concat(ranked.subList(0, 5), EventAnalytics.OTHER));
    for (int i = 0; i < 5; i++) {
      String token = ranked.get(i);
      EventAnalyticsChecks.assertShare(all.breakdown().get(i),
          EventAnalyticsChecks.where(c.thisWeek, e -> e.dimensions().get("asset").equals(token)), 3_000);
    }
    Set<String> shown = Set.copyOf(ranked.subList(0, 5));
    EventAnalyticsChecks.assertShare(all.breakdown().get(5),
        EventAnalyticsChecks.where(c.thisWeek, e -> !shown.contains(e.dimensions().get("asset"))), 3_000);
  }

  @Test
  void filtersEventsByOneDimensionAndSplitsThemByAnother() {
    EventAnalyticsChecks c = new EventAnalyticsChecks(store, T0);
    c.writeSwaps(store, 2_000);
    List<BusinessEvent> mainnet = EventAnalyticsChecks.where(c.thisWeek,
        e -> e.dimensions().get("network").equals("mainnet"));

    EventAnalytics perToken = c.ask(c.week().where("network", "mainnet").by("asset").limit(100));

    assertThat(perToken.count()).isEqualTo(mainnet.size());
    assertThat(perToken.filter()).isEqualTo(Map.of("network", "mainnet"));
    EventAnalyticsChecks.assertValueStats(perToken.valueStats(), mainnet, "mainnet swaps");
    List<String> ranked = EventAnalyticsChecks.tokensByCount(mainnet);
    assertThat(perToken.breakdown()).extracting(EventShare::value).containsExactlyElementsOf(ranked);
    for (EventShare share : perToken.breakdown()) {
      EventAnalyticsChecks.assertShare(share, EventAnalyticsChecks.where(mainnet,
          e -> e.dimensions().get("asset").equals(share.value())), mainnet.size());
    }
  }

  @Test
  void comparesEventsWithThePreviousPeriodOverallAndPerRow() {
    EventAnalyticsChecks c = new EventAnalyticsChecks(store, T0);
    c.writeSwaps(store, 1_500);

    EventAnalytics weekOverWeek = c.ask(c.week().by("asset").limit(3).comparedWithPreviousPeriod());

    assertThat(weekOverWeek.previous()).isNotNull().satisfies(p -> {
      assertThat(p.from()).isEqualTo(T0.minus(Duration.ofDays(14)));
      assertThat(p.to()).isEqualTo(T0.minus(Duration.ofDays(7)));
      assertThat(p.count()).isEqualTo(1_500);
      assertThat(p.complete()).isTrue();
      assertThat(p.countChangePercent()).isCloseTo(0.0, within(1e-9));
      EventAnalyticsChecks.assertValueStats(p.value(), c.lastWeek, "last week");
      double sumNow = weekOverWeek.valueStats().sum();
      double sumBefore = p.value().sum();
      assertThat(p.sumChangePercent()).isCloseTo(100 * (sumNow - sumBefore) / sumBefore, within(1e-9));
    });
    long shownBefore = 0;
    for (EventShare share : weekOverWeek.breakdown()) {
      if (share.value().equals(EventAnalytics.OTHER)) {
        assertThat(share.previousCount()).isEqualTo(1_500 - shownBefore);
        continue;
      }
      long before = c.lastWeek.stream().filter(e -> e.dimensions().get("asset").equals(share.value())).count();
      shownBefore += before;
      assertThat(share.previousCount()).as(share.value() + " last week").isEqualTo(before);
      assertThat(share.countChangePercent()).isCloseTo(100.0 * (share.count() - before) / before, within(1e-9));
    }
    assertThat(c.ask(c.week()).previous()).isNull();
  }

  @Test
  void listsEventTypesWithCountsDimensionKeysAndNewestEvent() {
    EventAnalyticsChecks c = new EventAnalyticsChecks(store, T0);
    c.writeSwaps(store, 500);

    List<EventTypeCount> types = store.readEventTypes(T0.minus(Duration.ofDays(7)), T0, 10);

    assertThat(types).extracting(EventTypeCount::type).containsExactly(EventAnalyticsChecks.TYPE, "wallet_linked");
    assertThat(types.get(0).count()).isEqualTo(500);
    assertThat(types.get(0).dimensionKeys()).containsExactly("asset", "network");
    assertThat(types.get(0).lastSeen()).isEqualTo(c.thisWeek.stream().map(BusinessEvent::ts)
        .max(Instant::compareTo).orElseThrow());
    assertThat(types.get(1).count()).isEqualTo(1);
    assertThat(types.get(1).dimensionKeys()).containsExactly("wallet");
    assertThat(store.readEventTypes(T0.minus(Duration.ofDays(7)), T0, 1)).hasSize(1);
    assertThat(store.readEventTypes(T0.minus(Duration.ofDays(30)), T0.minus(Duration.ofDays(20)), 10)).isEmpty();
  }

  @Test
  void reportsRowsAndTheOldestAndNewestEventInItsStats() {
    EventAnalyticsChecks c = new EventAnalyticsChecks(store, T0);
    c.writeSwaps(store, 200);
    List<Instant> times = new ArrayList<>();
    c.thisWeek.forEach(e -> times.add(e.ts()));
    c.lastWeek.forEach(e -> times.add(e.ts()));
    times.add(T0.minusSeconds(30));

    StoreStats.TableStats events = EventAnalyticsChecks.eventsTable(store.stats());

    assertThat(events.rows()).isEqualTo(401L);
    assertThat(events.oldest()).isEqualTo(times.stream().min(Instant::compareTo).orElseThrow()
        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(events.newest()).isEqualTo(T0.minusSeconds(30));
    assertThat(store.deleteOlderThan(DataKind.EVENTS, T0.minus(Duration.ofDays(7)), 1_000)).isEqualTo(200);
    assertThat(store.reclaimSpace()).isNotNegative();
    assertThat(EventAnalyticsChecks.eventsTable(store.stats()).rows()).isEqualTo(201L);
  }

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new ArrayList<>(first);
    all.add(last);
    return all;
  }

  // ---- retention -----------------------------------------------------------------------------

  @Test
  void deletesOldRowsInBoundedChunks() {
    write(StoreRows.logs(manyLogs(25, T0)));
    write(StoreRows.logs(manyLogs(5, minute(60))));

    assertThat(store.deleteOlderThan(DataKind.LOGS, minute(30), 10)).isEqualTo(10);
    assertThat(store.deleteOlderThan(DataKind.LOGS, minute(30), 10)).isEqualTo(10);
    assertThat(store.deleteOlderThan(DataKind.LOGS, minute(30), 10)).isEqualTo(5);
    assertThat(store.deleteOlderThan(DataKind.LOGS, minute(30), 10)).isZero();
    assertThat(store.readLogs(LogQuery.range(BEFORE, AFTER, 100)).items()).hasSize(5);
  }

  @Test
  void deletesOldSamplesOfOneResolutionOnly() {
    write(StoreRows.samples(counter(REQUESTS, minute(0), "node-a", Map.of(), 1, 1),
        counter(REQUESTS, minute(5), "node-a", Map.of(), 1, 1)));
    store.replaceSamples(List.of(histogram(REQUESTS, Resolution.HOUR, T0, "node-a", Map.of(), 1.0)));

    assertThat(store.deleteOlderThan(DataKind.MINUTE_SAMPLES, minute(5), 100)).isEqualTo(1);
    assertThat(samples(REQUESTS, Resolution.MINUTE)).hasSize(1);
    assertThat(samples(REQUESTS, Resolution.HOUR)).hasSize(1);
  }

  @Test
  void deletesOldTracesEventsAndHeartbeats() {
    write(StoreRows.batch(List.of(), List.of(),
        List.of(span(minute(0), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "/a", 200, 1),
            span(minute(10), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", "/a", 200, 1)),
        List.of(StoreRows.event(minute(0), "t", null, Map.of(), Outcome.NONE),
            StoreRows.event(minute(10), "t", null, Map.of(), Outcome.NONE)),
        List.of(StoreRows.heartbeat("old", "node-a", minute(0)), StoreRows.heartbeat("new", "node-a", minute(10)))));

    assertThat(store.deleteOlderThan(DataKind.TRACES, minute(5), 100)).isEqualTo(1);
    assertThat(store.deleteOlderThan(DataKind.EVENTS, minute(5), 100)).isEqualTo(1);
    assertThat(store.deleteOlderThan(DataKind.HEARTBEATS, minute(5), 100)).isEqualTo(1);
    assertThat(store.readTraces(TraceQuery.range(BEFORE, AFTER, 10)).items()).hasSize(1);
    assertThat(store.readEvents(new EventQuery(null, BEFORE, AFTER, 10))).hasSize(1);
    assertThat(store.readHeartbeats()).extracting(Heartbeat::name).containsExactly("new");
  }
}
