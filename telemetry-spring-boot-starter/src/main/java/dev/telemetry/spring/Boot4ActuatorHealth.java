package dev.telemetry.spring;

import java.util.List;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/** Reads Spring Boot 4's health contributors ({@code org.springframework.boot.health}). */
final class Boot4ActuatorHealth {
  private Boot4ActuatorHealth() {}

  static List<ActuatorHealthProbes.Contributor> contributors(HealthContributorRegistry registry) {
    return registry.stream().map(Boot4ActuatorHealth::contributor).toList();
  }

  private static ActuatorHealthProbes.Contributor contributor(HealthContributors.Entry entry) {
    HealthContributor contributor = entry.contributor();
    return new ActuatorHealthProbes.Contributor(entry.name(), () -> status(contributor));
  }

  private static String status(HealthContributor contributor) {
    if (contributor instanceof HealthIndicator indicator) {
      return indicator.health().getStatus().getCode();
    }
    String worst = "UP";
    if (contributor instanceof CompositeHealthContributor composite) {
      for (HealthContributors.Entry member : composite) {
        worst = ActuatorHealthProbes.worse(worst, status(member.contributor()));
      }
    }
    return worst;
  }
}
