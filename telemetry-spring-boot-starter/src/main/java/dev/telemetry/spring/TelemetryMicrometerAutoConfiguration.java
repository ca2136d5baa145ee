package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.otel.NameMapping;
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
    NameMapping.Builder mapping = NameMapping.builder();
    if (TelemetryJvmAutoConfiguration.installs(properties)) {
      // Boot's JVM binder has one jvm.memory.* gauge per memory pool, which the contract's area label
      // alone cannot tell apart: they stay Micrometer meters (/actuator/metrics), and the starter's
      // JVM gauges fill jvm_memory_*_bytes by area.
      for (String perPool : TelemetryJvmAutoConfiguration.PER_POOL_MICROMETER_GAUGES) {
        mapping.metric(perPool, perPool);
      }
    }
    TelemetryMeterRegistry registry = TelemetryMeterRegistry.builder(telemetry).mapping(mapping.build()).build();
    if (properties.getHttp().isEnabled()) {
      // The starter's request filter records server requests by route; Boot's own timer would count them twice.
      // (Its long-task timer http.server.requests.active counts requests in flight, which nothing else does: kept.)
      registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("http.server.requests")));
    }
    return registry;
  }
}
