package dev.telemetry.events;

import static java.util.Objects.requireNonNull;

import dev.telemetry.query.QueryException;
import dev.telemetry.query.QueryRange;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event analytics request (DESIGN §4 {@code /events}).
 *
 * <pre>{@code
 * // volume per token on mainnet over 7 days, with the week before for comparison
 * EventAnalyticsQuery q = EventAnalyticsQuery.of("swap_executed", QueryRange.last(TimeRange.LAST_7_DAYS))
 *     .where("network", "mainnet").by("token").limit(10).comparedWithPreviousPeriod();
 * }</pre>
 *
 * @param type the event type
 * @param range time range
 * @param by the dimension to break down by, or {@code null} for no breakdown
 * @param filter exact dimension values every counted event must have (e.g. {@code network=mainnet}),
 *     at most {@value #MAX_FILTERS}
 * @param limit breakdown entries before the rest fold into {@value EventAnalytics#OTHER}, 1 to 100
 * @param comparePrevious whether to answer the same question over the previous period too
 */
public record EventAnalyticsQuery(String type, QueryRange range, String by, Map<String, String> filter, int limit,
    boolean comparePrevious) {
  /** Breakdown entries unless asked otherwise. */
  public static final int DEFAULT_LIMIT = 10;
  /** Most breakdown entries (before {@value EventAnalytics#OTHER}). */
  public static final int MAX_LIMIT = 100;
  /** Most dimension filters. */
  public static final int MAX_FILTERS = 8;

  public EventAnalyticsQuery {
    if (type == null || type.isBlank()) {
      throw new QueryException("type", "is required");
    }
    requireNonNull(range, "range");
    filter = filter == null ? Map.of() : Map.copyOf(filter);
  }

  /** A query without comparison. */
  public EventAnalyticsQuery(String type, QueryRange range, String by, Map<String, String> filter, int limit) {
    this(type, range, by, filter, limit, false);
  }

  /** All events of {@code type} in {@code range}, without breakdown. */
  public static EventAnalyticsQuery of(String type, QueryRange range) {
    return new EventAnalyticsQuery(type, range, null, Map.of(), DEFAULT_LIMIT, false);
  }

  /** This query broken down by {@code dimension}. */
  public EventAnalyticsQuery by(String dimension) {
    return new EventAnalyticsQuery(type, range, dimension, filter, limit, comparePrevious);
  }

  /** This query counting only events with {@code dimension=value}. */
  public EventAnalyticsQuery where(String dimension, String value) {
    Map<String, String> more = new TreeMap<>(filter);
    more.put(requireNonNull(dimension, "dimension"), requireNonNull(value, "value"));
    return new EventAnalyticsQuery(type, range, by, more, limit, comparePrevious);
  }

  /** This query with at most {@code limit} breakdown entries. */
  public EventAnalyticsQuery limit(int limit) {
    return new EventAnalyticsQuery(type, range, by, filter, limit, comparePrevious);
  }

  /** This query also answered over the period of equal length just before its range. */
  public EventAnalyticsQuery comparedWithPreviousPeriod() {
    return new EventAnalyticsQuery(type, range, by, filter, limit, true);
  }
}
