package dev.telemetry.examples.otel;

import dev.telemetry.Telemetry;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.otel.AutoConfiguredTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application instrumented with the OpenTelemetry SDK and configured only through {@code otel.*}
 * properties (system properties or {@code OTEL_*} environment variables in production):
 *
 * <pre>
 * -Dotel.service.name=orders -Dotel.traces.exporter=telemetry -Dotel.logs.exporter=telemetry
 * -Dotel.metrics.exporter=telemetry -Dtelemetry.store=sqlite:telemetry.db
 * </pre>
 *
 * <p>The SDK's autoconfigure finds the library's exporters by their name {@code telemetry}; the only
 * library code here mounts the dashboard on the instance those exporters record into.
 */
public final class OtelAutoConfiguredApp implements AutoCloseable {
  private final OpenTelemetrySdk otel;
  private final Telemetry telemetry;
  private final JdkDashboardServer dashboard;

  /**
   * @param properties autoconfigure properties on top of the system properties and environment
   * @param token the dashboard's bearer token
   */
  public OtelAutoConfiguredApp(Map<String, String> properties, String token) {
    otel = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> properties).disableShutdownHook()
        .build().getOpenTelemetrySdk();
    telemetry = AutoConfiguredTelemetry.current()
        .orElseThrow(() -> new IllegalStateException("no exporter is set to 'telemetry' in otel.*.exporter"));
    try {
      dashboard = JdkDashboardServer.start(
          TelemetryDashboard.builder(telemetry).authorizer(Authorizer.bearerToken("ops", token)).build(),
          new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the application's own OTel instrumentation does for one request that started at {@code
   * start} and took {@code latency}; a 5xx also logs an ERROR inside the request's span.
   */
  public void handleRequest(String route, int status, Instant start, Duration latency) {
    Span span = otel.getTracer("orders").spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(start)
        .setAttribute(AttributeKey.stringKey("http.route"), route)
        .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
        .setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status)
        .startSpan();
    if (status >= 500) {
      try (Scope ignored = span.makeCurrent()) {
        otel.getLogsBridge().get("orders").logRecordBuilder().setSeverity(Severity.ERROR)
            .setBody("lookup failed for " + route).emit();
      }
    }
    span.end(start.plus(latency));
  }

  /** Pushes what the SDK buffered through the exporters and the library's pipeline into the store. */
  public void flush() {
    otel.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    otel.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    otel.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
    telemetry.flush();
    telemetry.awaitWritten(Duration.ofSeconds(10));
  }

  /** The dashboard's base URL, ending in {@code /admin/telemetry/}. */
  public String dashboardUrl() {
    return dashboard.url();
  }

  @Override
  public void close() {
    dashboard.close();
    otel.close();
    AutoConfiguredTelemetry.reset();
  }

  public static void main(String[] args) throws InterruptedException {
    String token = System.getenv().getOrDefault("TELEMETRY_TOKEN", "change-me-0123456789abcdef");
    try (OtelAutoConfiguredApp app = new OtelAutoConfiguredApp(Map.of(), token)) {
      for (int i = 0; i < 100; i++) {
        app.handleRequest(i % 2 == 0 ? "/orders/{id}" : "/orders", i % 25 == 0 ? 503 : 200, Instant.now(),
            Duration.ofMillis(20 + i));
      }
      app.flush();
      System.out.println("dashboard: " + app.dashboardUrl() + " (bearer token from TELEMETRY_TOKEN)");
      Thread.currentThread().join();
    }
  }
}
