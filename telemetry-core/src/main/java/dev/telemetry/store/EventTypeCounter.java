package dev.telemetry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Counts event types in memory: the default of {@link TelemetryStore#readEventTypes}. */
final class EventTypeCounter {
  /** Most types one call lists. */
  static final int MAX_TYPES = EventTypeCount.MAX_TYPES;

  private EventTypeCounter() {}

  static List<EventTypeCount> count(List<BusinessEvent> events, int limit) {
    checkLimit(limit);
    Map<String, Acc> byType = new HashMap<>();
    for (BusinessEvent e : events) {
      Acc a = byType.computeIfAbsent(e.type(), t -> new Acc());
      a.count++;
      if (a.lastSeen == null || e.ts().isAfter(a.lastSeen)) {
        a.lastSeen = e.ts();
      }
      for (String key : e.dimensions().keySet()) {
        if (a.keys.size() < EventTypeCount.MAX_KEYS || a.keys.contains(key)) {
          a.keys.add(key);
        }
      }
    }
    List<EventTypeCount> out = new ArrayList<>(byType.size());
    byType.forEach((type, a) -> out.add(new EventTypeCount(type, a.count, List.copyOf(a.keys), a.lastSeen)));
    out.sort(ORDER);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Most frequent first, then by name. */
  static final Comparator<EventTypeCount> ORDER = Comparator.comparingLong((EventTypeCount t) -> -t.count())
      .thenComparing(EventTypeCount::type);

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_TYPES) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_TYPES + ", was " + limit);
    }
  }

  private static final class Acc {
    long count;
    Instant lastSeen;
    final TreeSet<String> keys = new TreeSet<>();
  }
}
