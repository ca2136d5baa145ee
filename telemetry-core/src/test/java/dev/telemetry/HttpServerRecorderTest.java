package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpServerRecorderTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final MutableClock clock = new MutableClock(Fixtures.T0);

  @Test
  void recordsLatencyTrafficAndErrorsByRouteMethodAndStatus() {
    try (Telemetry telemetry = telemetry(StandardMetrics.addHttpServer(MetricContract.builder()).build())) {
      HttpServerRecorder http = HttpServerRecorder.of(telemetry);
      http.record("/users/{id}", "GET", 200, null, 7_000_000);
      http.record("/users/{id}", "GET", 503, null, 1_000_000);
      http.record("/users/{id}", "GET", 404, null, 1_000_000);
      http.record("/pay", "POST", 500, "IllegalStateException", 2_000_000);
      telemetry.flush();

      assertThat(http.recordsAnything()).isTrue();
      assertThat(totals(StandardMetrics.HTTP_SERVER_REQUESTS, "status"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("200", 1.0, "503", 1.0, "404", 1.0, "500", 1.0));
      assertThat(totals(StandardMetrics.HTTP_SERVER_ERRORS, "error_type"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("503", 1.0, "IllegalStateException", 1.0));
      assertThat(Fixtures.totalSum(store, StandardMetrics.HTTP_SERVER_DURATION)).isCloseTo(0.011, within(1e-12));
    }
  }

  @Test
  void leavesMissingPartsOutOfTheLabelsAndANegativeDurationOutOfTheLatency() {
    try (Telemetry telemetry = telemetry(StandardMetrics.addHttpServer(MetricContract.builder()).build())) {
      HttpServerRecorder http = HttpServerRecorder.of(telemetry);
      http.record(null, "", 0, "", -1);
      telemetry.flush();

      assertThat(Fixtures.samples(store, StandardMetrics.HTTP_SERVER_REQUESTS)).singleElement()
          .satisfies(sample -> assertThat(sample.labels()).isEmpty());
      assertThat(Fixtures.samples(store, StandardMetrics.HTTP_SERVER_DURATION)).isEmpty();
      assertThat(Fixtures.samples(store, StandardMetrics.HTTP_SERVER_ERRORS)).isEmpty();
    }
  }

  @Test
  void recordsNothingWhenTheContractDeclaresNoneOfTheMetrics() {
    try (Telemetry telemetry = telemetry(MetricContract.empty())) {
      HttpServerRecorder http = HttpServerRecorder.of(telemetry);
      http.record("/x", "GET", 500, "Boom", 1);
      telemetry.flush();

      assertThat(http.recordsAnything()).isFalse();
      assertThat(Fixtures.samples(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEmpty();
    }
  }

  private Telemetry telemetry(MetricContract contract) {
    return Fixtures.manual(store, clock).contract(contract).build();
  }

  private Map<String, Double> totals(String metric, String labelKey) {
    return Fixtures.samples(store, metric).stream().collect(Collectors.groupingBy(
        sample -> sample.labels().get(labelKey), Collectors.summingDouble(MetricSample::sum)));
  }
}
