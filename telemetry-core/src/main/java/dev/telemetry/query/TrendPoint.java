package dev.telemetry.query;

import java.time.Instant;

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
