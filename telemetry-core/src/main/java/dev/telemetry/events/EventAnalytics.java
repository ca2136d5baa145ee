package dev.telemetry.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts, distinct subjects, value statistics, breakdown and per-day series of one event type,
 * optionally compared with the previous period.
 *
 * @param type the event type
 * @param from range start
 * @param to range end (exclusive)
 * @param count events counted
 * @param distinctSubjects distinct (pseudonymized) subjects among them
 * @param successRate successes / (successes + failures), {@code null} when no event has an outcome
 * @param valueStats count, sum, avg, p50 and p95 of the events' {@code value}
 * @param by the breakdown dimension, or {@code null}
 * @param filter the exact dimension values every counted event has (empty for none)
 * @param breakdown at most {@code limit} values by count, plus {@value #OTHER} for the rest; empty
 *     when {@code by} is {@code null}
 * @param days one entry per UTC day touching the range, oldest first, empty days included
 * @param previous the same numbers over the previous period of equal length, or {@code null}
 *     unless asked for
 * @param truncated whether the read cap was hit: only the newest {@code readCap} events were
 *     counted, so every number is a lower bound
 * @param readCap most events one query reads
 * @param rolledUpBefore {@code null} when every number comes from raw events; otherwise the whole
 *     UTC days in {@code [from, rolledUpBefore)} were answered from daily event rollups (past the
 *     raw events' retention): their counts, outcomes and value sums are exact, their percentiles come
 *     from merged sketches, and their distinct subjects are unknown, so {@code distinctSubjects}
 *     (and each such day's) counts only the events from {@code rolledUpBefore} on
 */
public record EventAnalytics(
    String type,
    Instant from,
    Instant to,
    long count,
    long distinctSubjects,
    Double successRate,
    ValueStats valueStats,
    String by,
    Map<String, String> filter,
    List<EventShare> breakdown,
    List<EventDay> days,
    EventComparison previous,
    boolean truncated,
    int readCap,
    Instant rolledUpBefore) {
  /** The breakdown entry that holds the values past the limit. */
  public static final String OTHER = "other";

  public EventAnalytics {
    filter = Map.copyOf(filter);
    breakdown = List.copyOf(breakdown);
    days = List.copyOf(days);
  }

  /** Analytics read from raw events only. */
  public EventAnalytics(String type, Instant from, Instant to, long count, long distinctSubjects, Double successRate,
      ValueStats valueStats, String by, Map<String, String> filter, List<EventShare> breakdown,
      List<EventDay> days, EventComparison previous, boolean truncated, int readCap) {
    this(type, from, to, count, distinctSubjects, successRate, valueStats, by, filter, breakdown, days, previous,
        truncated, readCap, null);
  }

  /**
   * One value of the breakdown dimension.
   *
   * @param value the dimension value ({@code ""} for events without the dimension, {@value
   *     EventAnalytics#OTHER} for the folded rest)
   * @param count events with this value
   * @param percent {@code count} as a percentage of all counted events (0..100)
   * @param distinctSubjects distinct subjects among those events (e.g. active projects)
   * @param subjectPercent {@code distinctSubjects} as a percentage of all distinct subjects; a
   *     subject seen under two values counts in both, so these may add up to more than 100
   * @param successRate successes / (successes + failures), {@code null} when no event has an outcome
   * @param valueStats statistics of the events' {@code value} (count, sum, avg, p50, p95)
   * @param previousCount events with this value in the previous period, {@code null} unless the
   *     query compares with it
   * @param countChangePercent change of {@code count} against {@code previousCount} in percent,
   *     {@code null} without comparison or when {@code previousCount} is 0
   */
  public record EventShare(String value, long count, double percent, long distinctSubjects, double subjectPercent,
      Double successRate, ValueStats valueStats, Long previousCount, Double countChangePercent) {}

  /**
   * Events of one UTC day.
   *
   * @param day midnight UTC starting the day
   * @param count events that day
   * @param distinctSubjects distinct subjects that day (e.g. daily active users)
   */
  public record EventDay(Instant day, long count, long distinctSubjects) {}

  /**
   * The same event question over the period just before the asked one ({@code compare=previous}):
   * a week before a week, 24 hours before 24 hours.
   *
   * @param from start of the previous period ({@code from - span})
   * @param to end of the previous period (the asked {@code from}, exclusive)
   * @param count events in the previous period
   * @param distinctSubjects distinct subjects in the previous period
   * @param value value statistics in the previous period
   * @param countChangePercent {@code (count - previous) / previous × 100}, {@code null} when the
   *     previous period has no events
   * @param sumChangePercent the same for the value sum, {@code null} when the previous sum is 0
   * @param complete whether the previous period lies inside the retention; when false its oldest
   *     part may already be deleted and its numbers are lower bounds
   * @param truncated whether the read cap was hit in the previous period
   */
  public record EventComparison(
      Instant from,
      Instant to,
      long count,
      long distinctSubjects,
      ValueStats value,
      Double countChangePercent,
      Double sumChangePercent,
      boolean complete,
      boolean truncated) {

    /** {@code (now - before) / before × 100}, {@code null} when {@code before} is 0. */
    static Double changePercent(double now, double before) {
      return before == 0 ? null : 100.0 * (now - before) / Math.abs(before);
    }
  }

  /**
   * Statistics of the {@code value} of a set of business events (an amount, a fee, a duration).
   *
   * <p>{@code count}, {@code sum} and {@code avg} are exact over the events' finite values.
   * {@code p50} and {@code p95} are read from a {@link dev.telemetry.sketch.LatencySketch} of the
   * non-negative values (nearest rank, relative error at most 0.5415 %, the sketch's documented bound);
   * they are {@code null} when there is no value or when a value is negative (the sketch holds only
   * non-negative values, so a percentile over a set with negatives would be wrong).
   *
   * @param count events with a finite value
   * @param sum sum of those values
   * @param avg {@code sum / count}, {@code null} when {@code count} is 0
   * @param p50 median value, or {@code null}
   * @param p95 95th percentile value, or {@code null}
   */
  public record ValueStats(long count, double sum, Double avg, Double p50, Double p95) {
    /** No values. */
    public static final ValueStats EMPTY = new ValueStats(0, 0, null, null, null);
  }
}
