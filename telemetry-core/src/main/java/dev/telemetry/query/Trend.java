package dev.telemetry.query;

import dev.telemetry.contract.MetricKind;
import java.time.Instant;
import java.util.List;

/**
 * A metric's time series over a range, ready to chart.
 *
 * @param metric the metric
 * @param kind its kind ({@code COUNTER} points carry the delta in {@code sum} and no percentiles)
 * @param unit its unit suffix ({@code seconds}, {@code ratio} …, empty for none)
 * @param from start of the first step (the requested start, aligned down to the step)
 * @param to exclusive end (the requested end)
 * @param stepSeconds width of each point
 * @param groupBy the label key series are split by, or {@code null}
 * @param series at most {@value #MAX_GROUPS} series; when grouped, ranked by weight (count, or
 *     counter delta) with the rest merged into one series named {@value #OTHER}
 * @param foldedGroups how many groups were merged into {@value #OTHER} (0 when none)
 */
public record Trend(
    String metric,
    MetricKind kind,
    String unit,
    Instant from,
    Instant to,
    long stepSeconds,
    String groupBy,
    List<TrendSeries> series,
    int foldedGroups) {
  /** Most series in a trend, {@value #OTHER} included. */
  public static final int MAX_GROUPS = 20;
  /** The series that holds the groups past {@value #MAX_GROUPS}. */
  public static final String OTHER = "other";

  public Trend {
    series = List.copyOf(series);
  }

  /** Whether some groups were folded into {@value #OTHER}. */
  public boolean truncated() {
    return foldedGroups > 0;
  }
}
