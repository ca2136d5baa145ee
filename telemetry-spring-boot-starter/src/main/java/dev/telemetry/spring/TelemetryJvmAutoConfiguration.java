package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.jvm.JvmMetrics;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * JVM and process gauges (telemetry-jvm's {@link JvmMetrics}): heap and non-heap, GC, threads, CPU,
 * file descriptors and uptime, sampled at every flush on the flusher thread. Heap used / max fills
 * {@code process_memory_utilization_ratio}, the memory saturation signal. Turned off by {@code
 * telemetry.jvm.enabled=false}.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnClass(JvmMetrics.class)
@ConditionalOnBean(Telemetry.class)
@ConditionalOnProperty(prefix = "telemetry.jvm", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TelemetryJvmAutoConfiguration {
  /** Boot's per-memory-pool gauges whose names map onto {@link JvmMetrics}' by-area ones. */
  static final List<String> PER_POOL_MICROMETER_GAUGES = List.of("jvm.memory.used", "jvm.memory.committed",
      "jvm.memory.max");

  /** Whether this configuration applies with these properties (the registry then leaves the JVM gauges to it). */
  static boolean installs(TelemetryProperties properties) {
    return properties.getJvm().isEnabled()
        && ClassUtils.isPresent("dev.telemetry.jvm.JvmMetrics", TelemetryJvmAutoConfiguration.class.getClassLoader());
  }

  /** Declares the JVM gauges in the starter's contract. */
  @Bean
  TelemetryContractCustomizer telemetryJvmContract() {
    return JvmMetrics::declare;
  }

  @Bean
  @ConditionalOnMissingBean
  JvmMetrics telemetryJvmMetrics(Telemetry telemetry) {
    try {
      return JvmMetrics.install(telemetry);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("telemetry.jvm.enabled: " + e.getMessage()
          + " in the Telemetry bean's contract, or set telemetry.jvm.enabled=false", e);
    }
  }
}
