package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetrySelfMetricsTest {
  private final Telemetry telemetry = BridgeFixtures.telemetry(BridgeFixtures.store());

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void publishesTheLibrarysOwnCountersIntoAnyRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new TelemetrySelfMetrics(telemetry).bindTo(registry);
    telemetry.counter(BridgeFixtures.JOBS).add(-1);
    telemetry.counter(BridgeFixtures.JOBS).add(1, "unknown_key", "x");
    telemetry.flush();

    assertThat(registry.get("telemetry.values.rejected").tag("service", "shop").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("telemetry.labels.dropped").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("telemetry.flushes").functionCounter().count()).isEqualTo(telemetry.selfMetrics().flushes())
        .isPositive();
    assertThat(registry.get("telemetry.queue.depth").gauge().value()).isZero();
    assertThat(registry.getMeters()).hasSize(21);
  }
}
