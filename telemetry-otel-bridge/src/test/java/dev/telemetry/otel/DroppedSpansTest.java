package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.store.InMemoryStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans a host's BatchSpanProcessor drops never reach the exporter; the counting wrapper makes them visible. */
class DroppedSpansTest {
  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final TelemetrySpanExporter exporter = TelemetrySpanExporter.create(telemetry);

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void spansDroppedByAFullBatchQueueShowAsUnexported() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstExport = new CountDownLatch(1);
    SpanExporter held = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        firstExport.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return exporter.export(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }
    };
    BatchSpanProcessor batch = BatchSpanProcessor.builder(held).setMaxQueueSize(2).setMaxExportBatchSize(2)
        .setScheduleDelay(Duration.ofMillis(1)).build();
    SpanProcessor processor = exporter.counting(batch);
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(processor).build();
    Tracer tracer = tracing.get("shop");
    tracer.spanBuilder("first").startSpan().end();
    assertThat(firstExport.await(10, TimeUnit.SECONDS)).as("the worker holds the first batch").isTrue();
    for (int i = 0; i < 10; i++) {
      tracer.spanBuilder("span-" + i).startSpan().end(); // at most 2 fit in the queue; the rest are dropped
    }
    release.countDown();
    assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    assertThat(exporter.endedSpans()).isEqualTo(11);
    assertThat(exporter.exportedSpans()).isBetween(1L, 3L);
    assertThat(exporter.unexportedSpans()).isEqualTo(11 - exporter.exportedSpans()).isGreaterThanOrEqualTo(8);
    telemetry.flush();
    assertThat(BridgeFixtures.traces(store)).hasSize((int) exporter.exportedSpans());
    tracing.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void withoutDropsEveryEndedSpanIsExported() {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(exporter.counting(SimpleSpanProcessor.create(exporter))).build();
    for (int i = 0; i < 5; i++) {
      tracing.get("shop").spanBuilder("span-" + i).startSpan().end();
    }

    assertThat(exporter.endedSpans()).isEqualTo(5);
    assertThat(exporter.exportedSpans()).isEqualTo(5);
    assertThat(exporter.unexportedSpans()).isZero();
    tracing.shutdown().join(10, TimeUnit.SECONDS);
  }
}
