package dev.telemetry.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/**
 * {@code otel.metrics.exporter=telemetry}: SDK autoconfigure creates a {@link TelemetryMetricExporter}
 * (delta temporality preferred, exponential histograms) into the {@link AutoConfiguredTelemetry}
 * instance; {@code otel.metric.export.interval} sets how often it is read. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class TelemetryMetricExporterProvider implements ConfigurableMetricExporterProvider {
  @Override
  public MetricExporter createExporter(ConfigProperties config) {
    return TelemetryMetricExporter.create(AutoConfiguredTelemetry.resolve(config));
  }

  @Override
  public String getName() {
    return TelemetrySpanExporterProvider.NAME;
  }
}
