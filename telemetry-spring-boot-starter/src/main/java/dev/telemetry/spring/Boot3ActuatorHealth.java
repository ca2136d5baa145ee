package dev.telemetry.spring;

import java.util.List;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;

/** Reads Spring Boot 3's Actuator health contributors ({@code org.springframework.boot.actuate.health}). */
final class Boot3ActuatorHealth {
  private Boot3ActuatorHealth() {}

  static List<ActuatorHealthProbes.Contributor> contributors(HealthContributorRegistry registry) {
    return registry.stream().map(Boot3ActuatorHealth::contributor).toList();
  }

  private static ActuatorHealthProbes.Contributor contributor(NamedContributor<HealthContributor> named) {
    HealthContributor contributor = named.getContributor();
    return new ActuatorHealthProbes.Contributor(named.getName(), () -> status(contributor));
  }

  private static String status(HealthContributor contributor) {
    if (contributor instanceof HealthIndicator indicator) {
      return indicator.health().getStatus().getCode();
    }
    String worst = "UP";
    if (contributor instanceof CompositeHealthContributor composite) {
      for (NamedContributor<HealthContributor> member : composite) {
        worst = ActuatorHealthProbes.worse(worst, status(member.getContributor()));
      }
    }
    return worst;
  }
}
