package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries.RouteSort;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TelemetryQueries.TopRoutes.RouteStats;
import dev.telemetry.signals.Summary;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host instrumented only with Micrometer (Spring's http.server.requests timer), read back through the query API. */
class MicrometerHostQueryApiTest {
  private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void summaryAndTopRoutesShowWhatTheTimersRecorded() {
    TestClock clock = TestClock.at(START);
    try (Telemetry telemetry = Telemetry.builder().service("shop").node("node-a").contract(BridgeFixtures.contract())
        .store(InMemoryStore.create()).clock(clock).backgroundThreads(false).closeOnShutdown(false).build()) {
      TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
      List<Double> latencies = new ArrayList<>();
      int failures = 0;
      for (int minute = 0; minute < 5; minute++) {
        clock.set(START.plus(Duration.ofMinutes(minute)).plusSeconds(30));
        for (int i = 0; i < 120; i++) {
          boolean failed = i % 30 == 0;
          long millis = 10 + (i * 37L) % 400;
          String uri = i % 3 == 0 ? "/cart" : "/users/{id}";
          Timer.builder("http.server.requests").tags("uri", uri, "method", "GET", "status", failed ? "500" : "200",
              "outcome", failed ? "SERVER_ERROR" : "SUCCESS", "exception", failed ? "IllegalStateException" : "none")
              .register(registry).record(Duration.ofMillis(millis));
          latencies.add((double) millis);
          failures += failed ? 1 : 0;
        }
        clock.set(START.plus(Duration.ofMinutes(minute + 1)));
        telemetry.flush();
      }
      clock.set(START.plus(Duration.ofMinutes(5)).plusSeconds(10));

      Summary summary = telemetry.summary().refresh();
      double exactP95 = latencies.stream().sorted().skip((long) Math.ceil(0.95 * latencies.size()) - 1).findFirst()
          .orElseThrow();
      assertThat(value(summary, "latency")).isCloseTo(exactP95, within(exactP95 * 0.01));
      assertThat(value(summary, "errors")).isCloseTo(100.0 * failures / latencies.size(), within(1e-9));

      List<RouteStats> routes = telemetry.queries().topRoutes(QueryRange.last(TimeRange.LAST_HOUR),
          RouteSort.TRAFFIC, 10).routes();
      assertThat(routes).extracting(RouteStats::route).containsExactly("/users/{id}", "/cart");
      assertThat(routes.stream().mapToLong(RouteStats::count).sum()).isEqualTo(latencies.size());
    }
  }

  private static Double value(Summary summary, String name) {
    return summary.vitalSigns().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().value();
  }
}
