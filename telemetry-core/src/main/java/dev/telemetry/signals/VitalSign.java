package dev.telemetry.signals;

import dev.telemetry.status.Threshold;
import dev.telemetry.status.SignalStatus;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

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
