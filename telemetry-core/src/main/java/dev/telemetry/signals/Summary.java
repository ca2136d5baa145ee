package dev.telemetry.signals;

import dev.telemetry.health.ServiceHealth;
import dev.telemetry.status.SectionError;
import dev.telemetry.store.LogEvent;
import java.time.Instant;
import java.util.List;

/**
 * Everything the {@code /summary} endpoint shows (DESIGN §4), computed by {@link SummaryService}.
 *
 * @param generatedAt when it was computed ({@code null} before the first refresh)
 * @param collectingData true while the vital signs' window holds fewer than {@link
 *     SummaryService#WINDOW_MINUTES} minutes the summary vouches for (just after start)
 * @param vitalSigns latency, traffic, errors and saturation, in that order
 * @param health the health matrix (empty when none is configured)
 * @param errorFeed the latest ERROR log events, newest first, at most 25
 * @param server server metadata
 * @param errors sections that could not be computed; the others are still filled
 */
public record Summary(
    Instant generatedAt,
    boolean collectingData,
    List<VitalSign> vitalSigns,
    List<ServiceHealth> health,
    List<LogEvent> errorFeed,
    ServerInfo server,
    List<SectionError> errors) {
  public Summary {
    vitalSigns = List.copyOf(vitalSigns);
    health = List.copyOf(health);
    errorFeed = List.copyOf(errorFeed);
    errors = List.copyOf(errors);
  }

  /** The vital sign called {@code name}. */
  public VitalSign vitalSign(String name) {
    return vitalSigns.stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vital sign '" + name + "'"));
  }
}
