package dev.telemetry.examples.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TraceQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtelInstrumentedAppTest {
  private static final Instant FROM = Instant.EPOCH;
  private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");

  @Test
  void requestsInstrumentedWithTheOtelSdkReachTheStore() {
    InMemoryStore store = InMemoryStore.create();
    try (OtelInstrumentedApp app = new OtelInstrumentedApp(store)) {
      for (int i = 0; i < 40; i++) {
        app.handleRequest("/orders/{id}", i % 10 == 0 ? 503 : 200);
      }
      app.flush();

      assertThat(store.readSamples(SampleQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, Resolution.MINUTE, FROM, TO))
          .stream().mapToDouble(MetricSample::sum).sum()).isEqualTo(40);
      assertThat(store.readTraces(TraceQuery.range(FROM, TO, 100)).items()).hasSize(40);
      assertThat(store.readLogs(LogQuery.range(FROM, TO, 100)).items()).hasSize(4);
    }
  }
}
