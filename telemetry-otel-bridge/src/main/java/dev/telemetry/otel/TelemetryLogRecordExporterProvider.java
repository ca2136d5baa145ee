package dev.telemetry.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * {@code otel.logs.exporter=telemetry}: SDK autoconfigure creates a {@link TelemetryLogRecordExporter}
 * into the {@link AutoConfiguredTelemetry} instance. Found through {@link java.util.ServiceLoader}.
 */
public final class TelemetryLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    return TelemetryLogRecordExporter.create(AutoConfiguredTelemetry.resolve(config));
  }

  @Override
  public String getName() {
    return TelemetrySpanExporterProvider.NAME;
  }
}
