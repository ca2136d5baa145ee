package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * An event analytics request (DESIGN §4 {@code /events}).
 *
 * <pre>{@code
 * // deployments per network over 30 days, with active projects (distinct subjects) per network
 * EventAnalyticsQuery q = EventAnalyticsQuery.of("deployment_created", QueryRange.last(TimeRange.LAST_30_DAYS))
 *     .by("network");
 * }</pre>
 *
 * @param type the event type
 * @param range time range
 * @param by the dimension to break down by, or {@code null} for no breakdown
 * @param filter exact dimension values every counted event must have (e.g. {@code network=mainnet})
 * @param limit breakdown entries before the rest fold into {@value EventAnalytics#OTHER}, 1 to 100
 */
public record EventAnalyticsQuery(String type, QueryRange range, String by, Map<String, String> filter, int limit) {
  /** Breakdown entries unless asked otherwise. */
  public static final int DEFAULT_LIMIT = 10;

  public EventAnalyticsQuery {
    if (type == null || type.isBlank()) {
      throw new QueryException("type", "is required");
    }
    requireNonNull(range, "range");
    filter = filter == null ? Map.of() : Map.copyOf(filter);
  }

  /** All events of {@code type} in {@code range}, without breakdown. */
  public static EventAnalyticsQuery of(String type, QueryRange range) {
    return new EventAnalyticsQuery(type, range, null, Map.of(), DEFAULT_LIMIT);
  }

  /** This query broken down by {@code dimension}. */
  public EventAnalyticsQuery by(String dimension) {
    return new EventAnalyticsQuery(type, range, dimension, filter, limit);
  }

  /** This query counting only events with {@code dimension=value}. */
  public EventAnalyticsQuery where(String dimension, String value) {
    Map<String, String> more = new TreeMap<>(filter);
    more.put(requireNonNull(dimension, "dimension"), requireNonNull(value, "value"));
    return new EventAnalyticsQuery(type, range, by, more, limit);
  }

  /** This query with at most {@code limit} breakdown entries. */
  public EventAnalyticsQuery limit(int limit) {
    return new EventAnalyticsQuery(type, range, by, filter, limit);
  }
}
