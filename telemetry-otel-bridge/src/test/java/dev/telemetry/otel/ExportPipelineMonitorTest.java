package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.otel.ExportPipelineMonitor.Signal;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExportPipelineMonitorTest {
  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final ExportPipelineMonitor monitor = ExportPipelineMonitor.create(telemetry);
  private final AtomicReference<String> mode = new AtomicReference<>("ok");
  private final InMemorySpanExporter collector = InMemorySpanExporter.create();

  /** The host's exporter: succeeds, fails, throws or completes later, as the test says. */
  private final SpanExporter external = new SpanExporter() {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return switch (mode.get()) {
        case "fail" -> CompletableResultCode.ofFailure();
        case "throw" -> throw new IllegalStateException("collector unreachable");
        default -> collector.export(spans);
      };
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      throw new IllegalStateException("boom");
    }
  };

  @AfterEach
  void stop() {
    telemetry.close();
  }

  private void spans(SdkTracerProvider tracing, int n) {
    for (int i = 0; i < n; i++) {
      tracing.get("t").spanBuilder("work").startSpan().end();
    }
  }

  @Test
  void countsItemsOfFailedAndThrowingExportsAsDroppedAndReportsTheRate() {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(monitor.wrap(external))).build();
    spans(tracing, 97);
    mode.set("fail");
    spans(tracing, 2);
    mode.set("throw");
    spans(tracing, 1);
    tracing.forceFlush().join(10, TimeUnit.SECONDS);

    assertThat(collector.getFinishedSpanItems()).hasSize(97);
    assertThat(monitor.stats()).isEqualTo(new ExportStats(100, 3, 100, 3));
    assertThat(monitor.stats(Signal.SPANS).failureRate()).isCloseTo(0.03, within(1e-12));
    assertThat(monitor.stats(Signal.LOGS)).isEqualTo(new ExportStats(0, 0, 0, 0));
    telemetry.flush();

    Map<String, String> spansLabel = Map.of("signal", "spans");
    assertThat(BridgeFixtures.sample(store, ExportPipelineMonitor.ITEMS, spansLabel).sum()).isEqualTo(100);
    assertThat(BridgeFixtures.sample(store, ExportPipelineMonitor.FAILURES, spansLabel).sum()).isEqualTo(3);
    assertThat(BridgeFixtures.samples(store, ExportPipelineMonitor.FAILURE_RATIO)).singleElement()
        .extracting(MetricSample::last).isEqualTo(0.03);
  }

  @Test
  void theFailureRatioGaugeCoversOnlyTheLastFlushInterval() {
    SpanExporter wrapped = monitor.wrap(external);
    mode.set("fail");
    wrapped.export(java.util.List.of());
    assertThat(monitor.stats().failedExports()).isEqualTo(1);
    telemetry.flush();
    mode.set("ok");
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(wrapped)).build();
    spans(tracing, 10);
    telemetry.flush();

    assertThat(BridgeFixtures.samples(store, ExportPipelineMonitor.FAILURE_RATIO))
        .extracting(MetricSample::last).containsOnly(0.0);
  }

  @Test
  void anExportThatCompletesLaterIsCountedWhenItCompletes() {
    CompletableResultCode pending = new CompletableResultCode();
    SpanExporter slow = monitor.wrap(new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return pending;
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    });
    CompletableResultCode result = slow.export(java.util.List.of());
    assertThat(monitor.stats().exports()).isZero();

    pending.fail();
    assertThat(result.isSuccess()).isFalse();
    assertThat(monitor.stats().failedExports()).isEqualTo(1);
  }

  @Test
  void aDelegateThrowingOnShutdownAnswersAFailureResult() {
    assertThat(monitor.wrap(external).shutdown().isSuccess()).isFalse();
  }
}
