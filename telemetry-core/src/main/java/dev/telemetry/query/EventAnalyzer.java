package dev.telemetry.query;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Event analytics computed from one bounded read of the events. */
final class EventAnalyzer {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final TelemetryStore store;
  private final int readCap;

  EventAnalyzer(TelemetryStore store, int readCap) {
    this.store = store;
    this.readCap = readCap;
  }

  EventAnalytics analyze(EventAnalyticsQuery q, Window w) {
    if (q.by() != null && !KEY.matcher(q.by()).matches()) {
      throw new QueryException("by", "must be a dimension name of 1 to 64 letters, digits, '_', '.' or '-'");
    }
    if (q.limit() < 1 || q.limit() > 100) {
      throw new QueryException("limit", "must be between 1 and 100, was " + q.limit());
    }
    List<BusinessEvent> events = store.readEvents(new EventQuery(q.type(), w.from(), w.to(), readCap));
    Tally total = new Tally();
    Map<String, Tally> byValue = new HashMap<>();
    Instant firstDay = Resolution.DAY.bucketStart(w.from());
    int dayCount = (int) ((w.to().toEpochMilli() - 1 - firstDay.toEpochMilli()) / 86_400_000L) + 1;
    Tally[] days = new Tally[dayCount];
    for (int i = 0; i < dayCount; i++) {
      days[i] = new Tally();
    }
    for (BusinessEvent e : events) {
      if (!e.dimensions().entrySet().containsAll(q.filter().entrySet())) {
        continue;
      }
      total.add(e);
      if (q.by() != null) {
        byValue.computeIfAbsent(e.dimensions().getOrDefault(q.by(), ""), k -> new Tally()).add(e);
      }
      int day = (int) ((e.ts().toEpochMilli() - firstDay.toEpochMilli()) / 86_400_000L);
      days[Math.min(dayCount - 1, Math.max(0, day))].add(e);
    }
    List<EventDay> series = new ArrayList<>(dayCount);
    for (int i = 0; i < dayCount; i++) {
      series.add(new EventDay(firstDay.plusSeconds(86_400L * i), days[i].count, days[i].subjects.size()));
    }
    return new EventAnalytics(q.type(), w.from(), w.to(), total.count, total.subjects.size(), total.successRate(),
        q.by(), breakdown(byValue, total, q.limit()), series, events.size() >= readCap, readCap);
  }

  private static List<EventShare> breakdown(Map<String, Tally> byValue, Tally total, int limit) {
    List<Map.Entry<String, Tally>> ranked = new ArrayList<>(byValue.entrySet());
    ranked.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> -e.getValue().count)
        .thenComparing(Map.Entry::getKey));
    List<EventShare> out = new ArrayList<>(Math.min(limit, ranked.size()) + 1);
    Tally other = new Tally();
    for (int i = 0; i < ranked.size(); i++) {
      if (i < limit) {
        out.add(ranked.get(i).getValue().share(ranked.get(i).getKey(), total));
      } else {
        other.addAll(ranked.get(i).getValue());
      }
    }
    if (other.count > 0) {
      out.add(other.share(EventAnalytics.OTHER, total));
    }
    return out;
  }

  /** Count, distinct subjects and outcomes of a set of events. */
  private static final class Tally {
    long count;
    long successes;
    long failures;
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
    }

    void addAll(Tally t) {
      count += t.count;
      successes += t.successes;
      failures += t.failures;
      subjects.addAll(t.subjects);
    }

    Double successRate() {
      long decided = successes + failures;
      return decided == 0 ? null : (double) successes / decided;
    }

    EventShare share(String value, Tally total) {
      return new EventShare(value, count, percent(count, total.count), subjects.size(),
          percent(subjects.size(), total.subjects.size()), successRate());
    }

    private static double percent(long part, long whole) {
      return whole == 0 ? 0 : 100.0 * part / whole;
    }
  }
}
