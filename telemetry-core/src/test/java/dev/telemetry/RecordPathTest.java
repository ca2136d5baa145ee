package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static dev.telemetry.Fixtures.POOL;
import static dev.telemetry.Fixtures.REQUESTS;
import static dev.telemetry.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordPathTest {
  private final MutableClock clock = new MutableClock(T0);
  private InMemoryStore store;
  private Telemetry telemetry;

  @BeforeEach
  void start() {
    store = InMemoryStore.create();
    telemetry = Fixtures.manual(store, clock).contract(Fixtures.contract(3)).build();
  }

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void flushesOneMinuteSamplePerLabelSetWithCountSumMinMax() {
    Histogram latency = telemetry.histogram(LATENCY);
    latency.record(0.010, "route", "/a", "method", "GET");
    latency.record(0.030, "method", "GET", "route", "/a");
    latency.record(0.500, "route", "/b", "method", "GET");
    telemetry.flush();

    List<MetricSample> samples = Fixtures.samples(store, LATENCY);
    assertThat(samples).hasSize(2);
    MetricSample a = samples.stream().filter(s -> s.labels().get("route").equals("/a")).findFirst().orElseThrow();
    assertThat(a.labels()).isEqualTo(Map.of("route", "/a", "method", "GET"));
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.sum()).isCloseTo(0.040, within(1e-12));
    assertThat(a.min()).isEqualTo(0.010);
    assertThat(a.max()).isEqualTo(0.030);
    assertThat(a.bucketStart()).isEqualTo(java.time.Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(a.node()).isEqualTo("node-a");
    assertThat(a.sketch().count()).isEqualTo(2);
  }

  @Test
  void dropsLabelsOutsideTheAllowlistAndCountsThem() {
    telemetry.histogram(LATENCY).record(0.1, "route", "/a", "user_agent", "curl/8");
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement()
        .satisfies(s -> assertThat(s.labels()).isEqualTo(Map.of("route", "/a")));
    assertThat(telemetry.selfMetrics().droppedLabels()).isEqualTo(1);
  }

  @Test
  void foldsLabelSetsPastTheBudgetIntoOneOverflowSeriesAndCountsThem() {
    Counter requests = telemetry.counter(REQUESTS);
    for (int i = 0; i < 10; i++) {
      requests.increment("method", "M" + i);
    }
    telemetry.flush();

    List<MetricSample> samples = Fixtures.samples(store, REQUESTS);
    assertThat(samples).hasSize(4);
    assertThat(samples).filteredOn(s -> s.labels().equals(SeriesTable.OVERFLOW_LABELS))
        .singleElement().satisfies(s -> assertThat(s.sum()).isEqualTo(7));
    assertThat(Fixtures.totalSum(store, REQUESTS)).isEqualTo(10);
    assertThat(telemetry.selfMetrics().overflowedRecords()).isEqualTo(7);
  }

  @Test
  void templatesRouteLabels() {
    telemetry.histogram(LATENCY).record(0.1, "route", "/users/123/orders/42");
    telemetry.histogram(LATENCY).record(0.2, "route", "/users/7/orders/9");
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement().satisfies(s -> {
      assertThat(s.labels()).containsEntry("route", "/users/{id}/orders/{id}");
      assertThat(s.count()).isEqualTo(2);
    });
  }

  @Test
  void capsLabelValueLengthAndTreatsLongValuesWithTheSamePrefixAsOneSeries() {
    String longA = "x".repeat(200) + "a";
    String longB = "x".repeat(200) + "b";
    telemetry.histogram(LATENCY).record(0.1, "method", longA);
    telemetry.histogram(LATENCY).record(0.1, "method", longB);
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement().satisfies(s -> {
      assertThat(s.labels().get("method")).hasSize(128);
      assertThat(s.count()).isEqualTo(2);
    });
  }

  @Test
  void rejectsAndCountsNanInfiniteAndNegativeValues() {
    Histogram latency = telemetry.histogram(LATENCY);
    latency.record(Double.NaN);
    latency.record(Double.POSITIVE_INFINITY);
    latency.record(-1);
    latency.record(Duration.ofMillis(-5));
    telemetry.counter(REQUESTS).add(-3);
    telemetry.gauge(POOL).set(Double.NaN);
    latency.record(0.2);
    telemetry.flush();

    assertThat(telemetry.selfMetrics().rejectedValues()).isEqualTo(6);
    assertThat(Fixtures.totalCount(store, LATENCY)).isEqualTo(1);
    assertThat(Fixtures.samples(store, REQUESTS)).isEmpty();
  }

  @Test
  void convertsDurationsToTheMetricUnit() {
    telemetry.histogram(LATENCY).record(Duration.ofMillis(250));
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement()
        .satisfies(s -> assertThat(s.sum()).isCloseTo(0.25, within(1e-12)));
  }

  @Test
  void boundHandlesRecordIntoTheirSeriesAndTimeWork() throws Exception {
    BoundHistogram bound = telemetry.histogram(LATENCY).bind("route", "/a", "method", "GET");
    bound.record(0.1);
    bound.time(() -> { });
    assertThat(bound.timeCallable(() -> "done")).isEqualTo("done");
    assertThatThrownBy(() -> bound.time(() -> {
      throw new IllegalStateException("host failure");
    })).hasMessage("host failure");
    BoundCounter counter = telemetry.counter(REQUESTS).bind("route", "/a");
    counter.increment();
    counter.add(2.5);
    telemetry.flush();

    assertThat(Fixtures.totalCount(store, LATENCY)).isEqualTo(4);
    assertThat(Fixtures.samples(store, REQUESTS)).singleElement().satisfies(s -> {
      assertThat(s.sum()).isEqualTo(3.5);
      assertThat(s.count()).isEqualTo(2);
    });
  }

  @Test
  void gaugesKeepLastMinMaxAndAverageOfTheInterval() {
    Gauge pool = telemetry.gauge(POOL);
    pool.set(0.2, "pool", "main");
    pool.set(0.9, "pool", "main");
    pool.set(0.4, "pool", "main");
    telemetry.flush();

    assertThat(Fixtures.samples(store, POOL)).singleElement().satisfies(s -> {
      assertThat(s.last()).isEqualTo(0.4);
      assertThat(s.min()).isEqualTo(0.2);
      assertThat(s.max()).isEqualTo(0.9);
      assertThat(s.sum() / s.count()).isCloseTo(0.5, within(1e-12));
    });
  }

  @Test
  void samplesGaugeCallbacksAtFlushAndCountTheOnesThatThrow() {
    telemetry.gauge(POOL).register(() -> 0.75, "pool", "main");
    telemetry.gauge(POOL).register(() -> {
      throw new IllegalStateException("pool closed");
    }, "pool", "replica");
    telemetry.flush();
    telemetry.flush();

    assertThat(Fixtures.samples(store, POOL)).singleElement().satisfies(s -> {
      assertThat(s.labels()).containsEntry("pool", "main");
      assertThat(s.count()).isEqualTo(2);
      assertThat(s.last()).isEqualTo(0.75);
    });
    assertThat(telemetry.selfMetrics().callbackErrors()).isEqualTo(2);
  }

  @Test
  void assignsEachFlushToTheMinuteItCloses() {
    Counter requests = telemetry.counter(REQUESTS);
    requests.increment();
    telemetry.flush();
    clock.advance(Duration.ofMinutes(1));
    requests.add(2);
    telemetry.flush();

    assertThat(Fixtures.samples(store, REQUESTS)).extracting(s -> s.bucketStart().toString())
        .containsExactlyInAnyOrder("2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z");
  }

  @Test
  void mergesTwoFlushesOfTheSameMinute() {
    Histogram latency = telemetry.histogram(LATENCY);
    latency.record(0.1);
    telemetry.flush();
    clock.advance(Duration.ofSeconds(10));
    latency.record(0.3);
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement().satisfies(s -> {
      assertThat(s.count()).isEqualTo(2);
      assertThat(s.max()).isEqualTo(0.3);
      assertThat(s.sketch().count()).isEqualTo(2);
    });
  }

  @Test
  void writesNothingForSeriesWithoutNewValues() {
    telemetry.counter(REQUESTS).increment("route", "/a");
    telemetry.flush();
    clock.advance(Duration.ofMinutes(1));
    telemetry.flush();

    assertThat(Fixtures.samples(store, REQUESTS)).hasSize(1);
  }

  @Test
  void refusesInstrumentsTheContractDoesNotDeclare() {
    assertThatThrownBy(() -> telemetry.histogram("nope_seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope_seconds' is not declared");
    assertThatThrownBy(() -> telemetry.counter(LATENCY))
        .hasMessageContaining("declared as HISTOGRAM, not COUNTER");
  }
}
