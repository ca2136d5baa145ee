package dev.telemetry.examples.otel;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.otel.TelemetryLogRecordExporter;
import dev.telemetry.otel.TelemetryMetricExporter;
import dev.telemetry.otel.TelemetrySpanExporter;
import dev.telemetry.store.TelemetryStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;

/**
 * An application already instrumented with the OpenTelemetry SDK gets the dashboard by adding
 * the three exporters to its providers; its instrumentation does not change.
 */
public final class OtelInstrumentedApp implements AutoCloseable {
  private final Telemetry telemetry;
  private final OpenTelemetrySdk otel;

  public OtelInstrumentedApp(TelemetryStore store) {
    MetricContract contract = StandardMetrics.addHttpServer(MetricContract.builder()).build();
    telemetry = Telemetry.builder().service("orders").contract(contract).store(store).build();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(TelemetrySpanExporter.create(telemetry)).build()).build())
        .setLoggerProvider(SdkLoggerProvider.builder()
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(TelemetryLogRecordExporter.create(telemetry)).build())
            .build())
        .setMeterProvider(SdkMeterProvider.builder()
            .registerMetricReader(PeriodicMetricReader.builder(TelemetryMetricExporter.builder(telemetry).build())
                .setInterval(Duration.ofSeconds(10)).build())
            .build())
        .build();
  }

  /** What the application's own OTel instrumentation does for one request. */
  public void handleRequest(String route, int status) {
    Span span = otel.getTracer("orders").spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
        .setAttribute(AttributeKey.stringKey("http.route"), route)
        .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
        .setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status)
        .startSpan();
    if (status >= 500) {
      otel.getLogsBridge().get("orders").logRecordBuilder().setSeverity(Severity.ERROR)
          .setBody("lookup failed for " + route).emit();
    }
    span.end();
  }

  /** Pushes everything the SDK buffered through the exporters and the library's pipeline. */
  public void flush() {
    otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    otel.getSdkLoggerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    otel.getSdkMeterProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    telemetry.flush();
    telemetry.awaitWritten(Duration.ofSeconds(10));
  }

  public Telemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() {
    otel.close();
    telemetry.close();
  }

  public static void main(String[] args) {
    try (OtelInstrumentedApp app = new OtelInstrumentedApp(dev.telemetry.store.InMemoryStore.create())) {
      for (int i = 0; i < 100; i++) {
        app.handleRequest(i % 2 == 0 ? "/orders/{id}" : "/orders", i % 25 == 0 ? 503 : 200);
      }
      app.flush();
      System.out.println(app.telemetry().selfMetrics());
    }
  }
}
