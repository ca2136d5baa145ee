package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.InMemoryStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code otel.*.exporter=telemetry} through the SDK's own autoconfigure, with nothing else wired by hand. */
class AutoConfiguredTelemetryTest {
  @TempDir
  Path dir;

  private OpenTelemetrySdk otel;

  @AfterEach
  void stop() {
    if (otel != null) {
      otel.close();
    }
    AutoConfiguredTelemetry.reset();
  }

  private OpenTelemetrySdk autoconfigure(Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(Map.of(
        "otel.traces.exporter", "telemetry",
        "otel.logs.exporter", "telemetry",
        "otel.metrics.exporter", "telemetry",
        "otel.service.name", "orders"));
    properties.putAll(extra);
    otel = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> properties).disableShutdownHook()
        .build().getOpenTelemetrySdk();
    return otel;
  }

  private void serve(OpenTelemetrySdk otel, int status) {
    Span span = otel.getTracer("orders").spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
        .setAttribute(AttributeKey.stringKey("http.route"), "/orders/{id}")
        .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
        .setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status).startSpan();
    if (status >= 500) {
      otel.getLogsBridge().get("orders").logRecordBuilder().setSeverity(Severity.ERROR).setBody("lookup failed").emit();
    }
    span.end();
  }

  private static void flush(OpenTelemetrySdk otel, Telemetry telemetry) {
    otel.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    otel.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    otel.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
    telemetry.flush();
    telemetry.awaitWritten(Duration.ofSeconds(10));
  }

  @Test
  void theThreeExportersComeFromPropertiesAloneAndShareOneInstanceBuiltFromThem() {
    OpenTelemetrySdk sdk = autoconfigure(Map.of());
    for (int i = 0; i < 20; i++) {
      serve(sdk, i % 5 == 0 ? 503 : 200);
    }
    sdk.getMeter("orders").counterBuilder("jobs.processed").build().add(3);
    Telemetry telemetry = AutoConfiguredTelemetry.current().orElseThrow();
    flush(sdk, telemetry);

    assertThat(telemetry.service()).isEqualTo("orders");
    assertThat(BridgeFixtures.total(telemetry.store(), StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(20);
    assertThat(BridgeFixtures.total(telemetry.store(), StandardMetrics.HTTP_SERVER_ERRORS)).isEqualTo(4);
    assertThat(BridgeFixtures.traces(telemetry.store())).hasSize(20);
    assertThat(BridgeFixtures.logs(telemetry.store())).hasSize(4);
  }

  @Test
  void theHostsOwnInstanceWinsWhenItIsHandedOverFirst() {
    InMemoryStore store = BridgeFixtures.store();
    try (Telemetry host = Telemetry.builder().service("billing").contract(BridgeFixtures.contract()).store(store)
        .closeOnShutdown(false).build()) {
      AutoConfiguredTelemetry.use(host);
      OpenTelemetrySdk sdk = autoconfigure(Map.of("telemetry.service", "ignored"));
      serve(sdk, 200);
      flush(sdk, host);

      assertThat(AutoConfiguredTelemetry.current()).containsSame(host);
      assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(1);
      assertThatThrownBy(() -> AutoConfiguredTelemetry.use(BridgeFixtures.telemetry(store)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("reset()");
    }
  }

  @Test
  void telemetryPropertiesChooseTheServiceAndAPersistentStore() {
    Path file = dir.resolve("telemetry.db");
    autoconfigure(Map.of("telemetry.service", "checkout", "telemetry.store", "sqlite:" + file,
        "telemetry.flush.interval", "5s"));
    Telemetry telemetry = AutoConfiguredTelemetry.current().orElseThrow();

    assertThat(telemetry.service()).isEqualTo("checkout");
    assertThat(telemetry.store()).isInstanceOf(JdbcStore.class);
  }

  @Test
  void aBadStoreFailsAtStartupNamingThePropertyButNotTheSecret() {
    assertThatThrownBy(() -> autoconfigure(Map.of("telemetry.store", "mysql://root:hunter2@db/app")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("telemetry.store")
        .hasMessageContaining("'mysql'").hasMessageNotContaining("hunter2");
  }
}
