package dev.telemetry.query;

import java.util.List;

/**
 * One series of a trend.
 *
 * @param group the value of the {@code group_by} label ({@code ""} when a series lacks it,
 *     {@value Trend#OTHER} for folded groups), or {@code null} when the trend is not grouped
 * @param points one point per step, oldest first, including empty steps (count 0)
 */
public record TrendSeries(String group, List<TrendPoint> points) {
  public TrendSeries {
    points = List.copyOf(points);
  }
}
