package dev.telemetry.query;

import java.time.Instant;
import java.util.List;

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
    java.util.Map<String, String> filter,
    List<EventShare> breakdown,
    List<EventDay> days,
    EventComparison previous,
    boolean truncated,
    int readCap,
    Instant rolledUpBefore) {
  /** The breakdown entry that holds the values past the limit. */
  public static final String OTHER = "other";

  public EventAnalytics {
    filter = java.util.Map.copyOf(filter);
    breakdown = List.copyOf(breakdown);
    days = List.copyOf(days);
  }

  /** Analytics read from raw events only. */
  public EventAnalytics(String type, Instant from, Instant to, long count, long distinctSubjects, Double successRate,
      ValueStats valueStats, String by, java.util.Map<String, String> filter, List<EventShare> breakdown,
      List<EventDay> days, EventComparison previous, boolean truncated, int readCap) {
    this(type, from, to, count, distinctSubjects, successRate, valueStats, by, filter, breakdown, days, previous,
        truncated, readCap, null);
  }
}
