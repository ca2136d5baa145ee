package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.otel.TelemetryMeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The application's Micrometer meters into the native store: a {@link TelemetryMeterRegistry}
 * bean, which Boot's meter binders (JVM, Hikari, executors, caches …), filters and customizers
 * then apply to like to any registry. Ordered before Boot's own registries so that its simple
 * registry backs off; with another registry (Prometheus …) Boot composes both.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class, beforeName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(Telemetry.class)
public class TelemetryMicrometerAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  TelemetryMeterRegistry telemetryMeterRegistry(Telemetry telemetry, TelemetryProperties properties) {
    TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
    // Temporary (issue 12): the registry cannot create long-task timers yet, and Boot's
    // DefaultMeterObservationHandler asks for one on every observed request. Denied, they become
    // no-op meters instead of failing the request. Remove once the registry implements them.
    registry.config().meterFilter(MeterFilter.deny(id -> id.getType() == Meter.Type.LONG_TASK_TIMER));
    if (properties.getHttp().isEnabled()) {
      // The starter's request filter records server requests by route; Boot's own timer would count them twice.
      registry.config().meterFilter(MeterFilter.denyNameStartsWith("http.server.requests"));
    }
    return registry;
  }
}
