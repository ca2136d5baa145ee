package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three exporters share one flush and shutdown: flush succeeds, shutdown refuses later exports. */
class NativeExporterLifecycleTest {
  private final Telemetry telemetry = BridgeFixtures.telemetry(BridgeFixtures.store());

  @AfterEach
  void close() {
    telemetry.close();
  }

  record Case(String name, Function<Telemetry, NativeExporter> create,
      Function<NativeExporter, CompletableResultCode> exportNothing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> exporters() {
    return Stream.of(
        new Case("spans", TelemetrySpanExporter::create,
            e -> ((TelemetrySpanExporter) e).export(List.of())),
        new Case("logs", TelemetryLogRecordExporter::create,
            e -> ((TelemetryLogRecordExporter) e).export(List.of())),
        new Case("metrics", TelemetryMetricExporter::create,
            e -> ((TelemetryMetricExporter) e).export(List.of())));
  }

  @ParameterizedTest
  @MethodSource("exporters")
  void flushSucceedsAndShutdownRefusesLaterExportsWithoutClosingTelemetry(Case c) {
    NativeExporter exporter = c.create().apply(telemetry);
    assertThat(c.exportNothing().apply(exporter).isSuccess()).isTrue();
    assertThat(exporter.flush().isSuccess()).isTrue();

    assertThat(exporter.shutdown().isSuccess()).isTrue();

    assertThat(c.exportNothing().apply(exporter).isSuccess()).isFalse();
    telemetry.counter(BridgeFixtures.JOBS).increment("queue", "a");
    telemetry.flush();
    assertThat(BridgeFixtures.total(telemetry.store(), BridgeFixtures.JOBS)).as("telemetry still open").isEqualTo(1);
  }
}
