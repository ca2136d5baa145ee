package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry under Micrometer's {@link DefaultMeterObservationHandler}, the path a Spring Boot
 * app takes for every request ({@code http.server.requests} observations): the handler starts a
 * long task timer ({@code http.server.requests.active}) and stops into a timer. No Spring needed.
 */
class TelemetryMeterRegistryObservationTest {
  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final MockClock clock = new MockClock();
  private final TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry, clock);
  private final ObservationRegistry observations = ObservationRegistry.create();

  @AfterEach
  void stop() {
    registry.close();
    telemetry.close();
  }

  private Observation request(String uri, String status, String exception) {
    return Observation.createNotStarted("http.server.requests", observations)
        .lowCardinalityKeyValue("uri", uri).lowCardinalityKeyValue("method", "GET")
        .lowCardinalityKeyValue("status", status).lowCardinalityKeyValue("exception", exception)
        .lowCardinalityKeyValue("outcome", status.startsWith("5") ? "SERVER_ERROR" : "SUCCESS");
  }

  @Test
  void requestsObservedThroughTheDefaultMeterObservationHandlerReachTheHttpGoldenSignals() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));

    for (int i = 0; i < 3; i++) {
      Observation ok = request("/orders/{id}", "200", "none").start();
      clock.add(Duration.ofMillis(120));
      ok.stop();
    }
    Observation failed = request("/orders/{id}", "500", "IllegalStateException").start();
    clock.add(Duration.ofMillis(700));
    failed.error(new IllegalStateException("boom"));
    failed.stop();
    telemetry.flush();

    MetricSample ok = BridgeFixtures.sample(store, StandardMetrics.HTTP_SERVER_DURATION,
        Map.of("route", "/orders/{id}", "method", "GET", "status", "200"));
    assertThat(ok.count()).isEqualTo(3);
    assertThat(ok.sum()).isCloseTo(0.36, within(1e-9));
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(4);
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_ERRORS)).isEqualTo(1);
    assertThat(registry.get("http.server.requests").timers()).extracting(t -> t.totalTime(TimeUnit.MILLISECONDS))
        .containsExactlyInAnyOrder(360.0, 700.0);
  }

  @Test
  void theActiveRequestsLongTaskTimerCountsRequestsInFlightWithTheRegistrysClock() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));

    Observation inFlight = request("/export", "200", "none").start();
    clock.add(Duration.ofSeconds(3));
    LongTaskTimer active = registry.get("http.server.requests.active").longTaskTimer();
    assertThat(active.activeTasks()).isEqualTo(1);
    assertThat(active.duration(TimeUnit.SECONDS)).isEqualTo(3.0);

    inFlight.stop();
    assertThat(active.activeTasks()).isZero();
    assertThat(registry.get("http.server.requests").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
  }

  @Test
  void observationsNeverFailOnceTelemetryIsClosed() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
    telemetry.close();

    assertThatCode(() -> {
      Observation late = request("/orders/{id}", "200", "none").start();
      clock.add(Duration.ofMillis(10));
      late.stop();
    }).doesNotThrowAnyException();
    assertThat(registry.get("http.server.requests").timer().count()).isEqualTo(1);
  }

  @Test
  void longTaskTimersWorkWithoutAnObservationToo() {
    LongTaskTimer reindex = LongTaskTimer.builder("search.reindex").register(registry);
    assertThatCode(() -> reindex.record(() -> clock.add(Duration.ofSeconds(5)))).doesNotThrowAnyException();
    Timer.Sample sample = Timer.start(clock);
    clock.add(Duration.ofMillis(250));
    long nanos = sample.stop(registry.timer("jobs.duration", "queue", "emails"));

    assertThat(nanos).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    assertThat(reindex.activeTasks()).isZero();
  }
}
