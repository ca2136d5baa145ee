package dev.telemetry.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code otel.traces.exporter=telemetry}: SDK autoconfigure creates a {@link TelemetrySpanExporter}
 * into the {@link AutoConfiguredTelemetry} instance. Found through {@link java.util.ServiceLoader}.
 */
public final class TelemetrySpanExporterProvider implements ConfigurableSpanExporterProvider {
  /** The exporter name in {@code otel.traces.exporter}, {@code otel.logs.exporter} and {@code otel.metrics.exporter}. */
  public static final String NAME = "telemetry";

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return TelemetrySpanExporter.create(AutoConfiguredTelemetry.resolve(config));
  }

  @Override
  public String getName() {
    return NAME;
  }
}
