package dev.telemetry.query;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Event analytics computed from one bounded read of the events (two with {@code compare=previous}). */
final class EventAnalyzer {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final TelemetryStore store;
  private final int readCap;

  EventAnalyzer(TelemetryStore store, int readCap) {
    this.store = store;
    this.readCap = readCap;
  }

  /**
   * Answers {@code q} over {@code w}; {@code retainedFrom} is the oldest instant the retention
   * keeps, which tells whether a previous period is complete.
   */
  EventAnalytics analyze(EventAnalyticsQuery q, Window w, Instant retainedFrom) {
    check(q);
    Instant firstDay = Resolution.DAY.bucketStart(w.from());
    int dayCount = (int) ((w.to().toEpochMilli() - 1 - firstDay.toEpochMilli()) / 86_400_000L) + 1;
    Tally[] days = new Tally[dayCount];
    for (int i = 0; i < dayCount; i++) {
      days[i] = new Tally();
    }
    Read now = read(q, w, e -> {
      int day = (int) ((e.ts().toEpochMilli() - firstDay.toEpochMilli()) / 86_400_000L);
      days[Math.min(dayCount - 1, Math.max(0, day))].add(e);
    });
    List<EventDay> series = new ArrayList<>(dayCount);
    for (int i = 0; i < dayCount; i++) {
      series.add(new EventDay(firstDay.plusSeconds(86_400L * i), days[i].count, days[i].subjects.size()));
    }
    Read before = null;
    EventComparison previous = null;
    if (q.comparePrevious()) {
      Window earlier = new Window(w.from().minus(w.span()), w.from());
      before = read(q, earlier, e -> {});
      ValueStats prior = before.total.valueStats();
      previous = new EventComparison(earlier.from(), earlier.to(), before.total.count, before.total.subjects.size(),
          prior, EventComparison.changePercent(now.total.count, before.total.count),
          EventComparison.changePercent(now.total.sum, prior.sum()), !earlier.from().isBefore(retainedFrom),
          before.truncated);
    }
    return new EventAnalytics(q.type(), w.from(), w.to(), now.total.count, now.total.subjects.size(),
        now.total.successRate(), now.total.valueStats(), q.by(), q.filter(),
        breakdown(now, before, q.limit()), series, previous, now.truncated, readCap);
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

  /** One bounded read of a window, tallied in total and per breakdown value. */
  private Read read(EventAnalyticsQuery q, Window w, java.util.function.Consumer<BusinessEvent> each) {
    List<BusinessEvent> events = store.readEvents(new EventQuery(q.type(), w.from(), w.to(), readCap));
    Read r = new Read(events.size() >= readCap);
    for (BusinessEvent e : events) {
      if (!e.dimensions().entrySet().containsAll(q.filter().entrySet())) {
        continue;
      }
      r.total.add(e);
      if (q.by() != null) {
        r.byValue.computeIfAbsent(e.dimensions().getOrDefault(q.by(), ""), k -> new Tally()).add(e);
      }
      each.accept(e);
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
    }

    Double successRate() {
      long decided = successes + failures;
      return decided == 0 ? null : (double) successes / decided;
    }

    ValueStats valueStats() {
      if (finiteValues == 0) {
        return ValueStats.EMPTY;
      }
      Double p50 = null;
      Double p95 = null;
      if (!negative) {
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < finiteValues; i++) {
          sketch.record(values[i]);
        }
        p50 = sketch.quantile(0.5);
        p95 = sketch.quantile(0.95);
      }
      return new ValueStats(finiteValues, sum, sum / finiteValues, p50, p95);
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
