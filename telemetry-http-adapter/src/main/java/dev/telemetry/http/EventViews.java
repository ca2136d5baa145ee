package dev.telemetry.http;

import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalytics.ValueStats;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries.EventTypes;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.EventTypeCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event analytics as served and exported: the request's parameters turned into a query, and
 * every stored string (types, dimension keys and values) passed through the redaction policy
 * again on the way out, as logs are. Dimension keys the policy forbids are never listed.
 */
final class EventViews {
  static final String COMPARE_PREVIOUS = "previous";
  /** Columns of an {@code event_stats} export: one total row, then one row per breakdown value. */
  static final List<String> STATS_COLUMNS = List.of("row", "value", "count", "percent", "distinct_subjects",
      "subject_percent", "success_rate", "value_count", "value_sum", "value_avg", "value_p50", "value_p95",
      "previous_count", "count_change_percent");

  private EventViews() {}

  /** {@code type}, {@code by}, {@code limit} (top N, 1..100), {@code filter.K=V} and {@code compare=previous}. */
  static EventAnalyticsQuery query(QueryParams p, String typeParam, dev.telemetry.query.QueryRange range) {
    boolean compare = p.choice("compare", null, List.of(COMPARE_PREVIOUS)) != null;
    return new EventAnalyticsQuery(p.requiredText(typeParam), range, p.text("by"), p.filters(),
        p.integer("limit", EventAnalyticsQuery.DEFAULT_LIMIT, 1, EventAnalyticsQuery.MAX_LIMIT), compare);
  }

  static EventAnalytics rescrub(EventAnalytics a, RedactionPolicy policy) {
    List<EventShare> shares = new ArrayList<>(a.breakdown().size());
    for (EventShare s : a.breakdown()) {
      shares.add(new EventShare(policy.scrub(s.value()), s.count(), s.percent(), s.distinctSubjects(),
          s.subjectPercent(), s.successRate(), s.valueStats(), s.previousCount(), s.countChangePercent()));
    }
    Map<String, String> filter = new LinkedHashMap<>();
    a.filter().forEach((k, v) -> filter.put(k, policy.scrub(v)));
    return new EventAnalytics(policy.scrub(a.type()), a.from(), a.to(), a.count(), a.distinctSubjects(),
        a.successRate(), a.valueStats(), a.by() == null ? null : policy.scrub(a.by()), filter, shares, a.days(),
        a.previous(), a.truncated(), a.readCap(), a.rolledUpBefore());
  }

  static EventTypes rescrub(EventTypes t, RedactionPolicy policy) {
    List<EventTypeCount> types = new ArrayList<>(t.types().size());
    for (EventTypeCount c : t.types()) {
      List<String> keys = c.dimensionKeys().stream().filter(k -> !policy.isForbiddenField(k)).map(policy::scrub)
          .toList();
      types.add(new EventTypeCount(policy.scrub(c.type()), c.count(), keys, c.lastSeen()));
    }
    return new EventTypes(t.from(), t.to(), types, t.limit());
  }

  /** The export rows of already scrubbed analytics: the total first, then the breakdown. */
  static List<Object[]> statsRows(EventAnalytics a) {
    List<Object[]> rows = new ArrayList<>(a.breakdown().size() + 1);
    Long previousTotal = a.previous() == null ? null : a.previous().count();
    rows.add(row("total", "", a.count(), 100.0, a.distinctSubjects(), 100.0, a.successRate(), a.valueStats(),
        previousTotal, a.previous() == null ? null : a.previous().countChangePercent()));
    for (EventShare s : a.breakdown()) {
      rows.add(row("value", s.value(), s.count(), s.percent(), s.distinctSubjects(), s.subjectPercent(),
          s.successRate(), s.valueStats(), s.previousCount(), s.countChangePercent()));
    }
    return rows;
  }

  private static Object[] row(String kind, String value, long count, double percent, long subjects,
      double subjectPercent, Double successRate, ValueStats v, Long previousCount, Double change) {
    return new Object[] {kind, value, count, percent, subjects, subjectPercent, successRate, v.count(), v.sum(),
        v.avg(), v.p50(), v.p95(), previousCount, change};
  }
}
