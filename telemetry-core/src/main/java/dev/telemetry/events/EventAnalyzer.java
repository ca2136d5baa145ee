package dev.telemetry.events;

import dev.telemetry.events.EventAnalytics.EventComparison;
import dev.telemetry.events.EventAnalytics.EventDay;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalytics.ValueStats;
import dev.telemetry.query.QueryException;
import dev.telemetry.query.QueryRange;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Event analytics computed from one bounded read of the events (two with {@code compare=previous}),
 * and of the daily event rollups for whole days past the raw events' retention.
 */
final class EventAnalyzer {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final TelemetryStore store;
  private final int readCap;

  EventAnalyzer(TelemetryStore store, int readCap) {
    this.store = store;
    this.readCap = readCap;
  }

  /**
   * Answers {@code q} over {@code w}. {@code retainedFrom} is the oldest instant the raw events'
   * retention keeps and {@code dayRetainedFrom} the day rollups'. Whole UTC days before both the
   * first whole day the raw retention keeps and the event day watermark are read from the daily
   * event rollups; the rest from raw events. When rollups are used, a range starting mid-day starts
   * at the next midnight instead (a day rollup cannot be split), and the answer says so in its
   * {@code from}.
   */
  EventAnalytics analyze(EventAnalyticsQuery q, QueryRange w, Instant retainedFrom, Instant dayRetainedFrom) {
    check(q);
    Instant rawFrom = dayCeiling(retainedFrom);
    Instant split = store.readWatermark(Watermarks.EVENT_DAY).map(m -> m.isBefore(rawFrom) ? m : rawFrom)
        .orElse(null);
    Plan plan = Plan.of(w, split);
    Instant firstDay = Resolution.DAY.bucketStart(plan.from);
    int dayCount = (int) ((plan.to.toEpochMilli() - 1 - firstDay.toEpochMilli()) / 86_400_000L) + 1;
    Tally[] days = new Tally[dayCount];
    for (int i = 0; i < dayCount; i++) {
      days[i] = new Tally();
    }
    Read now = read(q, plan, (ts, add) -> {
      int day = (int) ((ts.toEpochMilli() - firstDay.toEpochMilli()) / 86_400_000L);
      add.accept(days[Math.min(dayCount - 1, Math.max(0, day))]);
    });
    List<EventDay> series = new ArrayList<>(dayCount);
    for (int i = 0; i < dayCount; i++) {
      series.add(new EventDay(firstDay.plusSeconds(86_400L * i), days[i].count, days[i].subjects.size()));
    }
    Read before = null;
    EventComparison previous = null;
    if (q.comparePrevious()) {
      QueryRange earlier = QueryRange.between(plan.from.minus(Duration.between(plan.from, plan.to)), plan.from);
      before = read(q, Plan.of(earlier, split), (ts, add) -> {});
      ValueStats prior = before.total.valueStats();
      boolean kept = !earlier.from().isBefore(retainedFrom)
          || split != null && !earlier.from().isBefore(dayRetainedFrom);
      previous = new EventComparison(earlier.from(), earlier.to(), before.total.count, before.total.subjects.size(),
          prior, EventComparison.changePercent(now.total.count, before.total.count),
          EventComparison.changePercent(now.total.valueSum(), prior.sum()), kept, before.truncated);
    }
    return new EventAnalytics(q.type(), plan.from, plan.to, now.total.count, now.total.subjects.size(),
        now.total.successRate(), now.total.valueStats(), q.by(), q.filter(),
        breakdown(now, before, q.limit()), series, previous, now.truncated, readCap,
        plan.rolledDays() ? plan.rollTo : null);
  }

  private static Instant dayCeiling(Instant t) {
    Instant start = Resolution.DAY.bucketStart(t);
    return start.equals(t) ? t : start.plus(Resolution.DAY.width());
  }

  /**
   * Where a window is read from: whole days {@code [from, rollTo)} from event day rollups, {@code
   * [rollTo, to)} from raw events ({@code rollTo == from} when no rollup applies).
   */
  private record Plan(Instant from, Instant rollTo, Instant to) {
    static Plan of(QueryRange w, Instant split) {
      if (split == null || !w.from().isBefore(split)) {
        return new Plan(w.from(), w.from(), w.to());
      }
      Instant from = dayCeiling(w.from());
      Instant rollTo = w.to().isBefore(split) ? Resolution.DAY.bucketStart(w.to()) : split;
      if (!from.isBefore(rollTo)) {
        return new Plan(w.from(), w.from(), w.to()); // no whole rolled-up day inside: raw, as far as it is kept
      }
      return new Plan(from, rollTo, w.to());
    }

    boolean rolledDays() {
      return rollTo.isAfter(from);
    }
  }

  private static void check(EventAnalyticsQuery q) {
    if (q.by() != null && !KEY.matcher(q.by()).matches()) {
      throw new QueryException("by", "must be a dimension name of 1 to 64 letters, digits, '_', '.' or '-'");
    }
    if (q.limit() < 1 || q.limit() > EventAnalyticsQuery.MAX_LIMIT) {
      throw new QueryException("limit", "must be between 1 and " + EventAnalyticsQuery.MAX_LIMIT + ", was "
          + q.limit());
    }
    if (q.filter().size() > EventAnalyticsQuery.MAX_FILTERS) {
      throw new QueryException("filter", "at most " + EventAnalyticsQuery.MAX_FILTERS + " dimension filters, was "
          + q.filter().size());
    }
    for (String key : q.filter().keySet()) {
      if (!KEY.matcher(key).matches()) {
        throw new QueryException("filter." + (key.length() > 64 ? key.substring(0, 64) : key),
            "must name a dimension of 1 to 64 letters, digits, '_', '.' or '-'");
      }
    }
  }

  /** Where a read puts each event or rollup row besides the totals: the per-day tallies. */
  private interface DaySink {
    void put(Instant ts, Consumer<Tally> add);
  }

  /** One bounded read of a window (rollup rows, then raw events), tallied in total and per breakdown value. */
  private Read read(EventAnalyticsQuery q, Plan plan, DaySink days) {
    List<EventDayRollup> rows = plan.rolledDays()
        ? store.readEventDays(q.type(), plan.from, plan.rollTo, readCap) : List.of();
    List<BusinessEvent> events = store.readEvents(new EventQuery(q.type(), plan.rollTo, plan.to, readCap));
    Read r = new Read(events.size() >= readCap || rows.size() >= readCap);
    for (EventDayRollup row : rows) {
      if (!row.dimensions().entrySet().containsAll(q.filter().entrySet())) {
        continue;
      }
      r.total.add(row);
      if (q.by() != null) {
        r.byValue.computeIfAbsent(row.dimensions().getOrDefault(q.by(), ""), k -> new Tally()).add(row);
      }
      days.put(row.day(), t -> t.add(row));
    }
    for (BusinessEvent e : events) {
      if (!e.dimensions().entrySet().containsAll(q.filter().entrySet())) {
        continue;
      }
      r.total.add(e);
      if (q.by() != null) {
        r.byValue.computeIfAbsent(e.dimensions().getOrDefault(q.by(), ""), k -> new Tally()).add(e);
      }
      days.put(e.ts(), t -> t.add(e));
    }
    return r;
  }

  private static List<EventShare> breakdown(Read now, Read before, int limit) {
    List<Map.Entry<String, Tally>> ranked = new ArrayList<>(now.byValue.entrySet());
    ranked.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> -e.getValue().count)
        .thenComparing(Map.Entry::getKey));
    List<EventShare> out = new ArrayList<>(Math.min(limit, ranked.size()) + 1);
    Tally other = new Tally();
    long previousShown = 0;
    for (int i = 0; i < ranked.size(); i++) {
      String value = ranked.get(i).getKey();
      if (i < limit) {
        Long previousCount = null;
        if (before != null) {
          Tally t = before.byValue.get(value);
          previousCount = t == null ? 0L : t.count;
          previousShown += previousCount;
        }
        out.add(ranked.get(i).getValue().share(value, now.total, previousCount));
      } else {
        other.addAll(ranked.get(i).getValue());
      }
    }
    if (other.count > 0) {
      // The previous "other" is everything the shown values do not cover, so the rows still add up.
      Long previousOther = before == null ? null : before.total.count - previousShown;
      out.add(other.share(EventAnalytics.OTHER, now.total, previousOther));
    }
    return out;
  }

  /** The tallies of one window. */
  private static final class Read {
    final Tally total = new Tally();
    final Map<String, Tally> byValue = new HashMap<>();
    final boolean truncated;

    Read(boolean truncated) {
      this.truncated = truncated;
    }
  }

  /**
   * Count, distinct subjects, outcomes and values of a set of events. Values are kept as a
   * primitive array (8 bytes per event, bounded by the read cap) and put into a sketch only for
   * the rows that are shown, so a breakdown with thousands of values costs no sketch each.
   */
  private static final class Tally {
    long count;
    long successes;
    long failures;
    double sum;
    int finiteValues;
    boolean negative;
    double[] values = new double[8];
    final Set<String> subjects = new HashSet<>();
    /** Values of rolled-up days: counted and summed above, their non-negative ones in this sketch. */
    long rolledValues;
    double rolledSum;
    LatencySketch rolledSketch;

    void add(BusinessEvent e) {
      count++;
      if (e.subject() != null) {
        subjects.add(e.subject());
      }
      if (e.outcome() == Outcome.SUCCESS) {
        successes++;
      } else if (e.outcome() == Outcome.FAILURE) {
        failures++;
      }
      addValue(e.value());
    }

    void add(EventDayRollup row) {
      count += row.count();
      successes += row.successes();
      failures += row.failures();
      addRolled(row.valueCount(), row.valueSum(), row.negativeValues() > 0, row.sketch());
    }

    private void addRolled(long valueCount, double valueSum, boolean anyNegative, LatencySketch sketch) {
      rolledValues += valueCount;
      rolledSum += valueSum;
      negative |= anyNegative;
      if (sketch != null) {
        if (rolledSketch == null) {
          rolledSketch = new LatencySketch();
        }
        rolledSketch.merge(sketch);
      }
    }

    private void addValue(double v) {
      if (!Double.isFinite(v)) {
        return;
      }
      if (finiteValues == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[finiteValues++] = v;
      sum += v;
      negative |= v < 0;
    }

    void addAll(Tally t) {
      count += t.count;
      successes += t.successes;
      failures += t.failures;
      subjects.addAll(t.subjects);
      for (int i = 0; i < t.finiteValues; i++) {
        addValue(t.values[i]);
      }
      addRolled(t.rolledValues, t.rolledSum, t.negative, t.rolledSketch);
    }

    /** The sum of every value, raw and rolled up. */
    double valueSum() {
      return sum + rolledSum;
    }

    Double successRate() {
      long decided = successes + failures;
      return decided == 0 ? null : (double) successes / decided;
    }

    ValueStats valueStats() {
      long n = finiteValues + rolledValues;
      if (n == 0) {
        return ValueStats.EMPTY;
      }
      Double p50 = null;
      Double p95 = null;
      if (!negative) {
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < finiteValues; i++) {
          sketch.record(values[i]);
        }
        if (rolledSketch != null) {
          sketch.merge(rolledSketch);
        }
        p50 = sketch.quantile(0.5);
        p95 = sketch.quantile(0.95);
      }
      return new ValueStats(n, valueSum(), valueSum() / n, p50, p95);
    }

    EventShare share(String value, Tally total, Long previousCount) {
      return new EventShare(value, count, percent(count, total.count), subjects.size(),
          percent(subjects.size(), total.subjects.size()), successRate(), valueStats(), previousCount,
          previousCount == null ? null : EventComparison.changePercent(count, previousCount));
    }

    private static double percent(long part, long whole) {
      return whole == 0 ? 0 : 100.0 * part / whole;
    }
  }
}
