package dev.telemetry.examples.micrometer;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.otel.TelemetrySelfMetrics;
import dev.telemetry.store.TelemetryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * An application instrumented with Micrometer (as Spring Boot apps are) adds the library's
 * registry to its composite registry: its timers feed the dashboard's golden signals, and the
 * library's own self-metrics appear in the app's existing registry too.
 */
public final class MicrometerInstrumentedApp implements AutoCloseable {
  private final Telemetry telemetry;
  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final SimpleMeterRegistry existing = new SimpleMeterRegistry();

  public MicrometerInstrumentedApp(TelemetryStore store) {
    MetricContract contract = StandardMetrics.addHttpServer(MetricContract.builder()).build();
    telemetry = Telemetry.builder().service("billing").contract(contract).store(store).build();
    registry.add(existing);
    registry.add(TelemetryMeterRegistry.create(telemetry));
    new TelemetrySelfMetrics(telemetry).bindTo(existing);
  }

  /** What Spring's web instrumentation records for one request. */
  public void handleRequest(String uri, int status, Duration took) {
    Timer.builder("http.server.requests").tags("uri", uri, "method", "POST", "status", Integer.toString(status),
        "outcome", status >= 500 ? "SERVER_ERROR" : "SUCCESS", "exception", "none").register(registry).record(took);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry the app already had (its Prometheus or logging registry in real life). */
  public MeterRegistry existingRegistry() {
    return existing;
  }

  public Telemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() {
    registry.close();
    telemetry.close();
  }
}
