package dev.telemetry.otel;

import dev.telemetry.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.tck.MeterRegistryCompatibilityKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Micrometer's own compatibility kit, which every Micrometer backend runs, against the bridge. */
class TelemetryMeterRegistryCompatibilityTest extends MeterRegistryCompatibilityKit {
  private final List<Telemetry> opened = new ArrayList<>();

  @Override
  public MeterRegistry registry() {
    Telemetry telemetry = BridgeFixtures.telemetry(BridgeFixtures.store());
    opened.add(telemetry);
    return TelemetryMeterRegistry.create(telemetry, new MockClock());
  }

  @Override
  public Duration step() {
    return Duration.ofMinutes(1);
  }

  @AfterEach
  void closeTelemetry() {
    registry.close();
    opened.forEach(Telemetry::close);
  }
}
