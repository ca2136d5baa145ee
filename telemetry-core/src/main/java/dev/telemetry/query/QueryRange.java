package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The time range of a query: a preset ending now, or explicit bounds. Validated against the
 * clock and the retention when the query runs ({@link QueryException} naming {@code from},
 * {@code to} or {@code range}).
 *
 * @param preset the preset, or {@code null} for explicit bounds
 * @param from inclusive start when explicit, else {@code null}
 * @param to exclusive end when explicit, else {@code null}
 */
public record QueryRange(TimeRange preset, Instant from, Instant to) {
  public QueryRange {
    if (preset == null && (from == null || to == null)) {
      throw new QueryException(from == null ? "from" : "to", "is required when no range is given");
    }
    if (preset != null && (from != null || to != null)) {
      throw new QueryException("range", "give either range or from/to, not both");
    }
  }

  /** The preset {@code range}, ending now. */
  public static QueryRange last(TimeRange range) {
    return new QueryRange(requireNonNull(range, "range"), null, null);
  }

  /** Explicit bounds {@code [from, to)}. */
  public static QueryRange between(Instant from, Instant to) {
    return new QueryRange(null, from, to);
  }
}
