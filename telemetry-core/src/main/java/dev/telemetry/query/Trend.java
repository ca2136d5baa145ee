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

  /**
   * One chart point: the merge of every stored sample in one step bucket.
   *
   * <p>Absent statistics are {@code null}, never NaN (JSON has no NaN): percentiles, min, max and
   * mean are {@code null} for counters and for buckets without values.
   *
   * @param ts start of the step bucket (epoch-aligned)
   * @param count values recorded (histograms, gauges) or increments (counters)
   * @param rate per second of the time the step covers ({@code coveredSeconds}): values per second, or
   *     the counter delta per second; a step that covers only part of its time is {@link State#PARTIAL}
   *     and its rate is not diluted by the time nothing was recording
   * @param p50 median from the merged sketch
   * @param p95 95th percentile from the merged sketch
   * @param p99 99th percentile from the merged sketch
   * @param min smallest value
   * @param max largest value
   * @param sum sum of values; for counters the delta over the step
   * @param mean {@code sum / count} for histograms and gauges
   * @param state whether the step holds data, is a vouched-for empty step (a counter's zero), is
   *     missing (a gap) or is still partial
   * @param coveredSeconds how much of the step is covered: time after this node's start-up (up to
   *     now and the range's end), plus stored buckets of the metric before it; the step's length when
   *     whole, 0 when nothing vouches for any of it
   */
  public record TrendPoint(
      Instant ts,
      long count,
      double rate,
      Double p50,
      Double p95,
      Double p99,
      Double min,
      Double max,
      double sum,
      Double mean,
      State state,
      double coveredSeconds) {

    /** What a step's numbers mean; a chart draws {@link #MISSING} and {@link #PARTIAL} steps as gaps. */
    public enum State {
      /** Samples were stored in the step. */
      DATA,
      /**
       * No samples, while the recorder was running (the step is wholly after the start-up minute):
       * a counter's zero; histograms and gauges have no values.
       */
      EMPTY,
      /** No samples and nothing vouches that anything was recording: a gap, not a zero. */
      MISSING,
      /**
       * The step covers only part of its time: it reaches into the minute in progress or past the
       * range's end, holds the start-up minute, or mixes minutes with data and minutes nothing vouches
       * for. Its rate is per covered time ({@code coveredSeconds}).
       */
      PARTIAL
    }
  }

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
}
