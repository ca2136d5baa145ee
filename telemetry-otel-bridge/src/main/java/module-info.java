/**
 * OpenTelemetry exporters and a Micrometer registry into the telemetry store, HikariCP pool
 * saturation and the library's self-metrics.
 *
 * <p>The SDK autoconfigure providers are services: {@code provides} here for the module path,
 * {@code META-INF/services} for the class path. The autoconfigure SPI, HikariCP and
 * {@code telemetry-jdbc} (for {@code telemetry.store=sqlite:…/postgres:…}) are optional: a
 * modular application that uses them requires them itself.
 */
module dev.telemetry.otel {
  requires transitive dev.telemetry.core;
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;
  requires transitive io.opentelemetry.sdk;
  requires transitive io.opentelemetry.sdk.common;
  requires transitive io.opentelemetry.sdk.trace;
  requires transitive io.opentelemetry.sdk.metrics;
  requires transitive io.opentelemetry.sdk.logs;
  requires transitive micrometer.core;
  requires static io.opentelemetry.sdk.autoconfigure.spi;
  requires static com.zaxxer.hikari;
  requires static dev.telemetry.jdbc;

  exports dev.telemetry.otel;

  provides io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider
      with dev.telemetry.otel.TelemetrySpanExporterProvider;
  provides io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider
      with dev.telemetry.otel.TelemetryMetricExporterProvider;
  provides io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider
      with dev.telemetry.otel.TelemetryLogRecordExporterProvider;
}
