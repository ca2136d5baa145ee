package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health contributors in the health matrix ({@link ActuatorHealthProbes}), on Boot 3
 * and on Boot 4, whose health API moved to its own module. Contributors registered after the
 * {@code Telemetry} bean is built are not added.
 */
@AutoConfiguration
@ConditionalOnClass(Telemetry.class)
@ConditionalOnProperty(prefix = "telemetry", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TelemetryActuatorAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthContributorRegistry")
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "telemetryActuatorHealth")
    TelemetryBuilderCustomizer telemetryActuatorHealth(
        ObjectProvider<org.springframework.boot.actuate.health.HealthContributorRegistry> registry) {
      return ActuatorHealthProbes.customizer(() -> {
        var available = registry.getIfAvailable();
        return available == null ? List.of() : Boot3ActuatorHealth.contributors(available);
      });
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.registry.HealthContributorRegistry")
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "telemetryActuatorHealth")
    TelemetryBuilderCustomizer telemetryActuatorHealth(
        ObjectProvider<org.springframework.boot.health.registry.HealthContributorRegistry> registry) {
      return ActuatorHealthProbes.customizer(() -> {
        var available = registry.getIfAvailable();
        return available == null ? List.of() : Boot4ActuatorHealth.contributors(available);
      });
    }
  }
}
