package dev.telemetry.signals;

import static java.util.Objects.requireNonNull;

import dev.telemetry.health.ServiceHealth;
import dev.telemetry.status.SectionError;
import dev.telemetry.status.SignalStatus;
import dev.telemetry.status.Threshold;
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

  /**
   * Server metadata on the summary.
   *
   * @param version the library version ({@code unknown} when not packaged)
   * @param service the service name
   * @param environment the environment (e.g. {@code production})
   * @param node this node
   * @param startedAt when the telemetry instance started
   * @param uptimeSeconds whole seconds since {@code startedAt}
   * @param nodes every node seen in the last hour of golden-signal data, plus this one, sorted
   */
  public record ServerInfo(
      String version,
      String service,
      String environment,
      String node,
      Instant startedAt,
      long uptimeSeconds,
      List<String> nodes) {
    public ServerInfo {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * One golden-signal card of the summary.
   *
   * @param name {@code latency}, {@code traffic}, {@code errors} or {@code saturation}
   * @param value the current value in {@code unit}, {@code null} without data
   * @param unit {@code ms}, {@code req/s} or {@code %}
   * @param status its colour against {@code threshold}; {@link SignalStatus#UNKNOWN} without data
   *     or threshold
   * @param threshold the threshold it is coloured by, {@code null} when none is declared
   * @param source what the value comes from: the metric, or for saturation the highest gauge
   *     series (e.g. {@code db_pool_utilization_ratio{pool=main}}); empty without data
   * @param sparkline the last hour, one point per complete minute, oldest first
   * @param windowMinutes complete minutes the value covers: {@link SummaryService#WINDOW_MINUTES},
   *     fewer just after start, 0 while collecting or without a metric
   */
  public record VitalSign(
      String name,
      Double value,
      String unit,
      SignalStatus status,
      Threshold threshold,
      String source,
      List<Point> sparkline,
      int windowMinutes) {
    public VitalSign {
      requireNonNull(name, "name");
      requireNonNull(unit, "unit");
      requireNonNull(status, "status");
      source = source == null ? "" : source;
      sparkline = List.copyOf(sparkline);
    }

    /**
     * One sparkline point.
     *
     * @param ts start of the minute
     * @param value the minute's value, {@code null} without data or for a minute not vouched for
     */
    public record Point(Instant ts, Double value) {}
  }
}
