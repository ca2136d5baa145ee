package dev.telemetry.signals;

import static dev.telemetry.contract.StandardMetrics.DB_POOL_UTILIZATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_DURATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_ERRORS;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_REQUESTS;
import static dev.telemetry.contract.StandardMetrics.PROCESS_MEMORY_UTILIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.telemetry.MutableClock;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.signals.Summary.ServerInfo;
import dev.telemetry.signals.Summary.VitalSign;
import dev.telemetry.status.SectionError;
import dev.telemetry.status.SignalStatus;
import dev.telemetry.status.Threshold;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.TelemetryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class SummaryServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:30:30Z");
  private static final Instant LAST_MINUTE = Instant.parse("2026-11-23T10:29:00Z");
  private static final MetricContract CONTRACT =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
  private static final Map<String, String> ROUTE_A = Map.of("route", "/a", "method", "GET", "status", "200");
  private static final Map<String, String> ROUTE_B = Map.of("route", "/b", "method", "GET", "status", "200");

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryStore store = InMemoryStore.create();
  private final StoreData data = new StoreData(store);

  private SummaryService.Builder service(TelemetryStore s) {
    return SummaryService.builder(s, CONTRACT, clock, NOW.minus(Duration.ofHours(2)))
        .service("shop").environment("test").node("node-a").version("1.2.3");
  }

  private static Instant minutesAgo(int n) {
    return LAST_MINUTE.minus(Duration.ofMinutes(n - 1));
  }

  @Test
  void latencyIsTheP95OfTheLastFiveCompleteMinutesMergedAcrossSeriesAndNodes() {
    for (int m = 1; m <= 5; m++) { // each minute: 1..90 ms on route a (node a), 91..100 ms on route b (node b)
      data.histogram(HTTP_SERVER_DURATION, "node-a", ROUTE_A, minutesAgo(m), millis(1, 90));
      data.histogram(HTTP_SERVER_DURATION, "node-b", ROUTE_B, minutesAgo(m), millis(91, 100));
    }
    data.histogram(HTTP_SERVER_DURATION, "node-a", ROUTE_A, minutesAgo(6), 10.0); // older than the window
    data.histogram(HTTP_SERVER_DURATION, "node-a", ROUTE_A, NOW, 10.0); // minute in progress

    VitalSign latency = service(store).build().refresh().vitalSign("latency");

    // 500 values, each of 1..100 ms five times: p95 = 95 ms (averaging the two series' p95 would give ~93)
    assertThat(latency.value()).isCloseTo(95.0, withinPercentage(1));
    assertThat(latency.unit()).isEqualTo("ms");
    assertThat(latency.status()).isEqualTo(SignalStatus.GREEN);
    assertThat(latency.threshold()).isEqualTo(Threshold.higherIsWorse(200, 1000));
    assertThat(latency.source()).isEqualTo(HTTP_SERVER_DURATION);
    assertThat(latency.sparkline()).hasSize(60);
    assertThat(latency.sparkline().get(0).ts()).isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
    assertThat(latency.sparkline().get(59).ts()).isEqualTo(LAST_MINUTE);
    assertThat(latency.sparkline().get(59).value()).isCloseTo(95.0, withinPercentage(1));
    assertThat(latency.sparkline().get(54).value()).isCloseTo(10_000.0, withinPercentage(1));
    assertThat(latency.sparkline().get(0).value()).isNull();
  }

  @Test
  void trafficAndErrorsUseTheSameFiveCompleteMinutes() {
    for (int m = 2; m <= 5; m++) {
      data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(m), 300);
    }
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(1), 400);
    data.counter(HTTP_SERVER_REQUESTS, "node-b", ROUTE_B, minutesAgo(1), 200);
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, NOW, 6000);
    data.counter(HTTP_SERVER_ERRORS, "node-a", Map.of("route", "/a"), minutesAgo(4), 9);
    data.counter(HTTP_SERVER_ERRORS, "node-b", Map.of("route", "/b"), minutesAgo(1), 27);
    data.counter(HTTP_SERVER_ERRORS, "node-a", Map.of("route", "/a"), minutesAgo(6), 1000);

    Summary summary = service(store).build().refresh();

    VitalSign traffic = summary.vitalSign("traffic");
    assertThat(traffic.value()).isEqualTo(6.0); // 1800 requests / 300 s
    assertThat(traffic.windowMinutes()).isEqualTo(SummaryService.WINDOW_MINUTES);
    assertThat(traffic.unit()).isEqualTo("req/s");
    assertThat(traffic.status()).isEqualTo(SignalStatus.UNKNOWN); // no traffic threshold declared
    assertThat(traffic.sparkline().get(58).value()).isEqualTo(5.0);
    VitalSign errors = summary.vitalSign("errors");
    assertThat(errors.value()).isCloseTo(2.0, withinPercentage(1e-9)); // 36 / 1800, the same 1800 requests
    assertThat(errors.windowMinutes()).isEqualTo(SummaryService.WINDOW_MINUTES);
    assertThat(errors.status()).isEqualTo(SignalStatus.YELLOW);
    assertThat(errors.sparkline().get(59).value()).isCloseTo(4.5, withinPercentage(1e-9)); // 27 / 600
    assertThat(errors.sparkline().get(57).value()).isEqualTo(0.0);
    assertThat(errors.sparkline().get(10).value()).isNull(); // no traffic
    assertThat(summary.server().nodes()).containsExactly("node-a", "node-b");
  }

  @Test
  void saturationIsTheHighestGaugeOfTheWindowInPercentWithItsSeries() {
    data.gauge(DB_POOL_UTILIZATION, "node-a", Map.of("pool", "main"), minutesAgo(1), 0.55);
    data.gauge(DB_POOL_UTILIZATION, "node-a", Map.of("pool", "replica"), minutesAgo(1), 0.82);
    data.gauge(PROCESS_MEMORY_UTILIZATION, "node-a", Map.of(), minutesAgo(1), 0.61);
    data.gauge(PROCESS_MEMORY_UTILIZATION, "node-a", Map.of(), minutesAgo(2), 0.95);
    data.gauge(PROCESS_MEMORY_UTILIZATION, "node-a", Map.of(), minutesAgo(6), 0.99); // before the window

    VitalSign saturation = service(store).build().refresh().vitalSign("saturation");

    assertThat(saturation.value()).isCloseTo(95.0, withinPercentage(1e-9));
    assertThat(saturation.status()).isEqualTo(SignalStatus.RED);
    assertThat(saturation.source()).isEqualTo("process_memory_utilization_ratio");
    assertThat(saturation.sparkline().get(59).value()).isCloseTo(82.0, withinPercentage(1e-9));
    assertThat(saturation.sparkline().get(58).value()).isCloseTo(95.0, withinPercentage(1e-9));
  }

  @Test
  void withoutDataEverySignIsUnknownWithNoValue() {
    Summary summary = service(store).build().refresh();
    assertThat(summary.vitalSigns()).extracting(VitalSign::name)
        .containsExactly("latency", "traffic", "errors", "saturation");
    assertThat(summary.vitalSigns()).filteredOn(v -> !v.name().equals("traffic"))
        .allSatisfy(v -> {
          assertThat(v.value()).isNull();
          assertThat(v.status()).isEqualTo(SignalStatus.UNKNOWN);
        });
    assertThat(summary.vitalSign("traffic").value()).isEqualTo(0.0);
    assertThat(summary.errors()).isEmpty();
  }

  @Test
  void errorFeedIsTheLatest25ErrorEventsNewestFirst() {
    for (int i = 0; i < 30; i++) {
      data.log(LogLevel.ERROR, NOW.minusSeconds(100 - i), "e" + i);
    }
    data.log(LogLevel.WARN, NOW.minusSeconds(1), "just_a_warning");

    Summary summary = service(store).build().refresh();

    assertThat(summary.errorFeed()).hasSize(25);
    assertThat(summary.errorFeed()).extracting(LogEvent::event).startsWith("e29", "e28").endsWith("e5");
  }

  @Test
  void serverMetadataAndHealthMatrix() {
    try (HealthMatrix matrix = HealthMatrix.builder().clock(clock)
        .service("db", () -> ProbeResult.healthy("ok")).build()) {
      matrix.checkNow().join();
      Summary summary = service(store).healthMatrix(matrix).build().refresh();
      assertThat(summary.health()).singleElement().satisfies(h -> assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY));
      assertThat(summary.server()).isEqualTo(new ServerInfo("1.2.3", "shop", "test", "node-a",
          NOW.minus(Duration.ofHours(2)), 7200, java.util.List.of("node-a")));
      assertThat(summary.generatedAt()).isEqualTo(NOW);
    }
  }

  @Test
  void collectingDataUntilTheWindowHoldsFiveWholeMinutesAfterTheStartUpMinute() {
    SummaryService s = SummaryService.builder(store, CONTRACT, clock, NOW).build(); // starts at 10:30:30
    assertThat(s.current().collectingData()).isTrue();
    assertThat(s.refresh().collectingData()).isTrue();
    assertThat(s.current().vitalSign("traffic").value()).as("nothing vouched for yet").isNull();
    clock.set(Instant.parse("2026-11-23T10:35:59Z")); // window 10:30-10:35: the start-up minute is partial
    assertThat(s.refresh().collectingData()).isTrue();
    assertThat(s.current().vitalSign("traffic").windowMinutes()).isEqualTo(4);
    clock.set(Instant.parse("2026-11-23T10:36:00Z")); // window 10:31-10:36: five whole minutes
    assertThat(s.refresh().collectingData()).isFalse();
    assertThat(s.current().vitalSign("traffic").value()).isEqualTo(0.0);
  }

  @Test
  void theStartUpMinuteIsLeftOutAndMinutesWithoutDataAfterItAreZero() {
    // started 10:27:30; the window is 10:25-10:30, of which 10:28 and 10:29 are whole minutes after start
    SummaryService s = SummaryService.builder(store, CONTRACT, clock, Instant.parse("2026-11-23T10:27:30Z")).build();
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(3), 30); // 10:27, half a minute
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(2), 240); // 10:28
    data.counter(HTTP_SERVER_ERRORS, "node-a", Map.of("route", "/a"), minutesAgo(2), 12);

    Summary summary = s.refresh();

    VitalSign traffic = summary.vitalSign("traffic");
    assertThat(traffic.value()).isEqualTo(2.0); // 240 requests over 2 whole minutes, not 270 / 300 s
    assertThat(traffic.windowMinutes()).isEqualTo(2);
    assertThat(traffic.sparkline().get(59).value()).as("10:29, running, no requests: zero").isEqualTo(0.0);
    assertThat(traffic.sparkline().get(58).value()).isEqualTo(4.0);
    assertThat(traffic.sparkline().get(57).value()).as("10:27, the start-up minute").isNull();
    assertThat(traffic.sparkline().get(56).value()).as("10:26, before start, no data").isNull();
    VitalSign errors = summary.vitalSign("errors");
    assertThat(errors.value()).isCloseTo(5.0, withinPercentage(1e-9)); // 12 / 240
    assertThat(errors.windowMinutes()).isEqualTo(2);
    assertThat(summary.collectingData()).isTrue();
  }

  @Test
  void minutesBeforeStartThatHoldDataCountInTheWindow() {
    // an earlier run (or another node) wrote 10:25 and 10:26; this node started at 10:28:00 exactly
    SummaryService s = SummaryService.builder(store, CONTRACT, clock, Instant.parse("2026-11-23T10:28:00Z")).build();
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(5), 600);
    data.counter(HTTP_SERVER_REQUESTS, "node-b", ROUTE_A, minutesAgo(4), 300);
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(1), 300);

    VitalSign traffic = s.refresh().vitalSign("traffic");

    // 10:25, 10:26 (data), 10:28 (start on the minute: whole), 10:29; 10:27 is before start without data
    assertThat(traffic.windowMinutes()).isEqualTo(4);
    assertThat(traffic.value()).isEqualTo(1200 / 240.0);
    assertThat(traffic.sparkline().get(57).value()).isNull();
    assertThat(traffic.sparkline().get(58).value()).isEqualTo(0.0);
  }

  @Test
  void currentNeverReadsTheStoreAndRefreshDoes() {
    AtomicInteger reads = new AtomicInteger();
    TelemetryStore counting = failing(store, reads, m -> false);
    SummaryService s = service(counting).build();

    Summary before = s.current();
    assertThat(before.generatedAt()).isNull();
    assertThat(before.errors()).containsExactly(new SectionError("summary", "not computed yet"));
    assertThat(reads).hasValue(0);

    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(1), 120);
    Summary refreshed = s.refresh();
    int afterRefresh = reads.get();
    assertThat(afterRefresh).isPositive();
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_B, minutesAgo(1), 120);
    for (int i = 0; i < 100; i++) {
      assertThat(s.current()).isSameAs(refreshed);
    }
    assertThat(reads).hasValue(afterRefresh);
    assertThat(s.current().vitalSign("traffic").value()).isEqualTo(0.4); // 120 / 300 s
    assertThat(s.refresh().vitalSign("traffic").value()).isEqualTo(0.8); // 240 / 300 s
  }

  @Test
  void aFailingStoreReadGivesPartialDataNamingTheSection() {
    data.histogram(HTTP_SERVER_DURATION, "node-a", ROUTE_A, minutesAgo(1), 0.05);
    data.counter(HTTP_SERVER_REQUESTS, "node-a", ROUTE_A, minutesAgo(1), 60);
    TelemetryStore broken = failing(store, new AtomicInteger(),
        method -> method.equals("readSamples:" + HTTP_SERVER_ERRORS) || method.equals("readLogs"));

    Summary summary = service(broken).build().refresh();

    assertThat(summary.errors()).containsExactly(
        new SectionError("errors", "StoreException: connection lost"),
        new SectionError("error_feed", "StoreException: connection lost"));
    assertThat(summary.vitalSign("errors").value()).isNull();
    assertThat(summary.vitalSign("errors").status()).isEqualTo(SignalStatus.UNKNOWN);
    assertThat(summary.vitalSign("latency").value()).isCloseTo(50.0, withinPercentage(1));
    assertThat(summary.vitalSign("traffic").value()).isEqualTo(0.2); // 60 / 300 s
  }

  @Test
  void aStoreThatFailsEverythingStillGivesASummary() {
    TelemetryStore broken = failing(store, new AtomicInteger(), m -> true);
    Summary summary = service(broken).build().refresh();
    assertThat(summary.errors()).extracting(SectionError::section)
        .containsExactly("latency", "traffic", "errors", "saturation", "error_feed");
    assertThat(summary.vitalSigns()).hasSize(4);
  }

  @Test
  void startRefreshesOnTheSchedulerAndTellsListeners() throws Exception {
    SummaryService s = service(store).build();
    CountDownLatch refreshed = new CountDownLatch(1);
    s.addListener(summary -> {
      throw new IllegalStateException("listener bug is contained");
    });
    s.addListener(summary -> refreshed.countDown());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      s.start(scheduler);
      assertThat(refreshed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(s.current().generatedAt()).isEqualTo(NOW);
    } finally {
      s.close();
      scheduler.shutdownNow();
    }
  }

  private static double[] millis(int from, int to) {
    return DoubleStream.iterate(from, v -> v <= to, v -> v + 1).map(v -> v / 1000.0).toArray();
  }

  /** Counts reads; throws a StoreException from the reads {@code fails} selects ("readSamples:metric", "readLogs"). */
  private static TelemetryStore failing(TelemetryStore delegate, AtomicInteger reads, Predicate<String> fails) {
    return (TelemetryStore) Proxy.newProxyInstance(SummaryServiceTest.class.getClassLoader(),
        new Class<?>[] {TelemetryStore.class}, (p, m, args) -> {
          String key = m.getName();
          if (key.startsWith("read")) {
            reads.incrementAndGet();
            if (args != null && args[0] instanceof SampleQuery q) {
              key += ":" + q.metric();
            }
            if (fails.test(key)) {
              throw new StoreException("connection lost");
            }
          }
          try {
            return m.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

}
