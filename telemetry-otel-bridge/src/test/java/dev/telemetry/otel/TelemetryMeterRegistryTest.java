package dev.telemetry.otel;

import static dev.telemetry.otel.BridgeFixtures.JOBS;
import static dev.telemetry.otel.BridgeFixtures.JOB_DURATION;
import static dev.telemetry.otel.BridgeFixtures.PAYLOAD;
import static dev.telemetry.otel.BridgeFixtures.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host instrumented only with Micrometer (Spring-Boot-style meters). Asserted through store reads. */
class TelemetryMeterRegistryTest {
  private static final Map<String, String> EMAILS = Map.of("queue", "emails");

  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);

  @AfterEach
  void stop() {
    registry.close();
    telemetry.close();
  }

  private Timer httpTimer(String uri, String status, String exception) {
    return Timer.builder("http.server.requests").tags("uri", uri, "method", "GET", "status", status,
        "exception", exception, "outcome", "SUCCESS").register(registry);
  }

  @Test
  void springHttpServerRequestsFeedTheHttpGoldenSignals() {
    httpTimer("/users/{id}", "200", "none").record(Duration.ofMillis(40));
    httpTimer("/users/{id}", "200", "none").record(Duration.ofMillis(60));
    httpTimer("/users/{id}", "500", "IllegalStateException").record(Duration.ofMillis(900));
    telemetry.flush();

    MetricSample ok = BridgeFixtures.sample(store, StandardMetrics.HTTP_SERVER_DURATION,
        Map.of("route", "/users/{id}", "method", "GET", "status", "200"));
    assertThat(ok.count()).isEqualTo(2);
    assertThat(ok.sum()).isCloseTo(0.1, within(1e-9));
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(3);
    assertThat(BridgeFixtures.samples(store, StandardMetrics.HTTP_SERVER_ERRORS)).singleElement().satisfies(s -> {
      assertThat(s.labels()).containsEntry("error_type", "IllegalStateException");
      assertThat(s.sum()).isEqualTo(1);
    });
    assertThat(registry.get("http.server.requests").timers()).extracting(Timer::count).containsOnly(2L, 1L);
  }

  @Test
  void aGaugeWithBaseUnitItemsLandsInTheDeclaredItemsMetric() {
    AtomicInteger depth = new AtomicInteger(7);
    Gauge.builder("queue.depth", depth, AtomicInteger::get).baseUnit("items").tag("queue", "emails")
        .register(registry);
    telemetry.flush();

    assertThat(BridgeFixtures.sample(store, QUEUE, EMAILS).last()).isEqualTo(7);
  }

  @Test
  void timersSummariesCountersAndGaugesRecordIntoTheirContractMetrics() {
    AtomicInteger depth = new AtomicInteger(12);
    Timer.builder("jobs.duration").tags(Tags.of("queue", "emails", "user.email", "a@b.c")).register(registry)
        .record(Duration.ofMillis(250));
    DistributionSummary.builder("payload.size").baseUnit("bytes").tag("queue", "emails").register(registry)
        .record(2048);
    Counter jobs = Counter.builder("jobs.processed").tag("queue", "emails").register(registry);
    jobs.increment(3);
    Gauge.builder("queue.depth.items", depth, AtomicInteger::get).tag("queue", "emails").register(registry);
    telemetry.flush();

    assertThat(BridgeFixtures.sample(store, JOB_DURATION, EMAILS).sum()).isCloseTo(0.25, within(1e-9));
    assertThat(BridgeFixtures.sample(store, PAYLOAD, EMAILS).max()).isEqualTo(2048);
    assertThat(BridgeFixtures.sample(store, JOBS, EMAILS).sum()).isEqualTo(3);
    assertThat(BridgeFixtures.sample(store, QUEUE, EMAILS).last()).isEqualTo(12);
    assertThat(jobs.count()).as("still a working Micrometer counter").isEqualTo(3);
  }

  @Test
  void metersWithoutAContractMetricStillWorkButAreCountedAsUnmapped() {
    Counter unknown = registry.counter("cache.evictions");
    unknown.increment();
    FunctionCounter.builder("gc.count", this, x -> 4).register(registry);
    telemetry.flush();

    assertThat(unknown.count()).isEqualTo(1);
    assertThat(registry.unmappedMeters()).isEqualTo(2);
    assertThat(BridgeFixtures.samples(store, JOBS)).isEmpty();
  }
}
