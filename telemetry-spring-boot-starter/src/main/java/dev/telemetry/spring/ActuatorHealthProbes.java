package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.health.HealthProbe;
import dev.telemetry.health.ProbeResult;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Spring Boot Actuator health contributors into services of the health matrix: each
 * contributor registered when the {@code Telemetry} bean is built becomes one {@link HealthProbe}
 * under its own name (a composite one reports its worst member). Boot's status codes map as
 * {@code UP} → healthy, {@code DOWN} and {@code OUT_OF_SERVICE} → down, {@code UNKNOWN} →
 * unavailable, any custom status → degraded. The detail is the status code alone: a
 * contributor's details (paths, versions, URLs) are not shown.
 *
 * <p>Boot 3 ({@code org.springframework.boot.actuate.health}) and Boot 4
 * ({@code org.springframework.boot.health}) each have their own reader; this class is what they
 * share.
 */
final class ActuatorHealthProbes {
  private static final Logger LOG = LoggerFactory.getLogger(ActuatorHealthProbes.class);
  /** Always UP: it says the application answers, which the dashboard answering already shows. */
  private static final Set<String> SKIPPED = Set.of("ping");
  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,63}");
  private static final List<String> SEVERITY = List.of("UP", "UNKNOWN", "OUT_OF_SERVICE", "DOWN");

  private ActuatorHealthProbes() {}

  /**
   * One contributor.
   *
   * @param statusCode reads its status code (the worst member's, for a composite) on the matrix's probe thread
   */
  record Contributor(String name, Supplier<String> statusCode) {}

  /** Adds a probe per contributor {@code contributors} lists when called (at build time). */
  static TelemetryBuilderCustomizer customizer(Supplier<List<Contributor>> contributors) {
    return builder -> addProbes(builder, contributors.get());
  }

  private static void addProbes(Telemetry.Builder builder, List<Contributor> contributors) {
    for (Contributor contributor : contributors) {
      String name = contributor.name();
      if (SKIPPED.contains(name)) {
        continue;
      }
      if (!SERVICE_NAME.matcher(name).matches()) {
        LOG.warn("Actuator health contributor '{}' is not shown on the telemetry dashboard: its name is not a "
            + "valid service name ({})", name, SERVICE_NAME.pattern());
        continue;
      }
      try {
        builder.healthProbe(name, () -> result(contributor.statusCode().get()));
      } catch (IllegalArgumentException e) {
        LOG.warn("Actuator health contributor '{}' is not shown on the telemetry dashboard: {}", name, e.getMessage());
      }
    }
  }

  static ProbeResult result(String code) {
    return switch (code == null ? "UNKNOWN" : code) {
      case "UP" -> ProbeResult.healthy("UP");
      case "DOWN", "OUT_OF_SERVICE" -> ProbeResult.down(code);
      case "UNKNOWN" -> ProbeResult.unavailable(code);
      default -> ProbeResult.degraded(code);
    };
  }

  /** The worse of two status codes; custom codes rank between UP and UNKNOWN. */
  static String worse(String a, String b) {
    return severity(a) >= severity(b) ? a : b;
  }

  private static int severity(String code) {
    int index = SEVERITY.indexOf(code);
    return index < 0 ? 1 : index * 2; // UP 0, custom 1, UNKNOWN 2, OUT_OF_SERVICE 4, DOWN 6
  }
}
