package dev.telemetry.http;

import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The time range of a request: a preset ({@code range=1h|6h|24h|7d|30d}) ending now, or explicit
 * {@code from}/{@code to}. Never longer than the retention, never empty, never reversed.
 *
 * @param from inclusive start
 * @param to exclusive end
 * @param preset the preset label, or {@code null} for explicit bounds
 */
record TimeWindow(Instant from, Instant to, String preset) {
  /** The range presets, in the order the page offers them. */
  static final List<String> PRESETS = Arrays.stream(TimeRange.values()).map(TimeRange::label).toList();

  /**
   * The window a request asks for: {@code range=} a preset (default {@code fallbackPreset}) or
   * {@code from}/{@code to} (to defaults to now), checked by {@link QueryRange#resolve}, the same
   * rule the query API applies; a broken rule is a {@code QueryException} naming the parameter.
   */
  static TimeWindow resolve(QueryParams params, String fallbackPreset, Clock clock, Duration retention) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    boolean explicit = from != null || to != null;
    if (explicit && params.has("range")) {
      throw ApiException.badParameter("range", "cannot be combined with from/to");
    }
    if (!explicit) {
      String preset = params.choice("range", fallbackPreset, PRESETS);
      QueryRange resolved = QueryRange.last(TimeRange.parse(preset)).resolve(clock, retention);
      return new TimeWindow(resolved.from(), resolved.to(), preset);
    }
    if (from == null) {
      throw new ApiException(400, "missing_parameter", "from is required when to is given", "from");
    }
    QueryRange resolved = QueryRange.between(from, to == null ? clock.instant() : to).resolve(clock, retention);
    return new TimeWindow(resolved.from(), resolved.to(), null);
  }
}
