package dev.telemetry.examples.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicrometerInstrumentedAppTest {
  @Test
  void springStyleTimersFeedTheGoldenSignalsAndSelfMetricsAppearInTheAppsRegistry() {
    InMemoryStore store = InMemoryStore.create();
    try (MicrometerInstrumentedApp app = new MicrometerInstrumentedApp(store)) {
      app.handleRequest("/invoices", 201, Duration.ofMillis(80));
      app.handleRequest("/invoices", 500, Duration.ofMillis(900));
      app.telemetry().flush();
      app.telemetry().awaitWritten(Duration.ofSeconds(10));

      assertThat(store.readSamples(SampleQuery.of(StandardMetrics.HTTP_SERVER_DURATION, Resolution.MINUTE,
          Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).stream().mapToLong(MetricSample::count).sum())
          .isEqualTo(2);
      assertThat(app.existingRegistry().getMeters()).anySatisfy(m -> assertThat(m.getId().getName()).startsWith("telemetry."));
    }
  }
}
