package dev.telemetry.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  static final List<String> PRESETS = List.of("1h", "6h", "24h", "7d", "30d");
  /** How far past now an explicit {@code to} may reach (clock skew between nodes). */
  static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  static TimeWindow resolve(QueryParams params, String fallbackPreset, Clock clock, Duration retention) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    boolean explicit = from != null || to != null;
    if (explicit && params.has("range")) {
      throw ApiException.badParameter("range", "cannot be combined with from/to");
    }
    Instant now = clock.instant();
    if (!explicit) {
      String preset = params.choice("range", fallbackPreset, PRESETS);
      Duration span = span(preset);
      if (span.compareTo(retention) > 0) {
        throw ApiException.badParameter("range", "must not be longer than the retention (" + retention.toHours()
            + "h), was " + preset);
      }
      return new TimeWindow(now.minus(span), now, preset);
    }
    if (from == null) {
      throw new ApiException(400, "missing_parameter", "from is required when to is given", "from");
    }
    if (to == null) {
      to = now;
    }
    if (!from.isBefore(to)) {
      throw ApiException.badParameter("from", "must be before to");
    }
    if (to.isAfter(now.plus(FUTURE_SLACK))) {
      throw ApiException.badParameter("to", "must not be in the future");
    }
    if (Duration.between(from, to).compareTo(retention) > 0) {
      throw ApiException.badParameter("from", "the range must not be longer than the retention ("
          + retention.toHours() + "h)");
    }
    return new TimeWindow(from, to, null);
  }

  static Duration span(String preset) {
    return switch (preset) {
      case "1h" -> Duration.ofHours(1);
      case "6h" -> Duration.ofHours(6);
      case "24h" -> Duration.ofHours(24);
      case "7d" -> Duration.ofDays(7);
      case "30d" -> Duration.ofDays(30);
      default -> throw new IllegalArgumentException(preset);
    };
  }
}
