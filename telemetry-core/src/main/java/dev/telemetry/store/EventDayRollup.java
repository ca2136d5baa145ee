package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import dev.telemetry.sketch.LatencySketch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The business events of one UTC day with one type and one dimension set, summed: the daily event
 * rollup kept past the raw events' retention, so long ranges ("last 90 days", "all time") still
 * answer after the events are deleted (ADR 0051).
 *
 * <p>Every field adds across rows: a filter or breakdown by any dimension sums the rows whose
 * {@code dimensions} match, exactly for counts, outcomes and value sums, and merges their sketches
 * for percentiles (relative error at most {@link LatencySketch#RELATIVE_ERROR_BOUND}). Distinct
 * subjects do not add across days and are not kept.
 *
 * @param day midnight UTC starting the day
 * @param type event type
 * @param dimensions the events' whole dimension set (sorted)
 * @param count events
 * @param successes events with outcome success
 * @param failures events with outcome failure
 * @param valueCount events with a finite value
 * @param valueSum sum of those values
 * @param negativeValues finite values below 0, counted in {@code valueSum} but not in the sketch
 * @param sketch the finite non-negative values, {@code null} when there is none; owned by this row
 *     and never mutated once the row exists (readers merge into a fresh sketch)
 */
public record EventDayRollup(Instant day, String type, Map<String, String> dimensions, long count, long successes,
    long failures, long valueCount, double valueSum, long negativeValues, LatencySketch sketch) {
  public EventDayRollup {
    requireNonNull(day, "day");
    requireNonNull(type, "type");
    if (!Resolution.DAY.bucketStart(day).equals(day)) {
      throw new IllegalArgumentException("day must be midnight UTC, was " + day);
    }
    dimensions = Labels.sorted(dimensions);
  }

  /**
   * The rollup rows of {@code day} from its events: one row per (type, dimension set). Events
   * outside the day are a caller error.
   *
   * @throws IllegalArgumentException when an event is not in {@code [day, day + 1 day)}
   */
  public static List<EventDayRollup> summarize(Instant day, Collection<BusinessEvent> events) {
    Instant end = day.plus(Resolution.DAY.width());
    Map<List<Object>, Sum> rows = new LinkedHashMap<>();
    for (BusinessEvent e : events) {
      if (e.ts().isBefore(day) || !e.ts().isBefore(end)) {
        throw new IllegalArgumentException("event at " + e.ts() + " is not in the day " + day);
      }
      rows.computeIfAbsent(List.of(e.type(), e.dimensions()), k -> new Sum(e.type(), e.dimensions())).add(e);
    }
    List<EventDayRollup> out = new ArrayList<>(rows.size());
    for (Sum s : rows.values()) {
      out.add(new EventDayRollup(day, s.type, s.dimensions, s.count, s.successes, s.failures, s.valueCount,
          s.valueSum, s.negativeValues, s.sketch));
    }
    return out;
  }

  private static final class Sum {
    final String type;
    final Map<String, String> dimensions;
    long count;
    long successes;
    long failures;
    long valueCount;
    double valueSum;
    long negativeValues;
    LatencySketch sketch;

    Sum(String type, Map<String, String> dimensions) {
      this.type = type;
      this.dimensions = dimensions;
    }

    void add(BusinessEvent e) {
      count++;
      successes += e.outcome() == Outcome.SUCCESS ? 1 : 0;
      failures += e.outcome() == Outcome.FAILURE ? 1 : 0;
      double v = e.value();
      if (!Double.isFinite(v)) {
        return;
      }
      valueCount++;
      valueSum += v;
      if (v < 0) {
        negativeValues++;
        return;
      }
      if (sketch == null) {
        sketch = new LatencySketch();
      }
      sketch.record(v);
    }
  }
}
