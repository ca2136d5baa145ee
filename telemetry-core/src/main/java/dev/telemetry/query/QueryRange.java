package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
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
  /** How far ahead of the clock a range may end. */
  public static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

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

  /**
   * This range as explicit instants checked against {@code clock} and {@code retention}: a preset
   * ends now; {@code from} must be before {@code to}, {@code to} at most {@link #FUTURE_SLACK} ahead
   * (another node's clock may run slightly fast), and the span at most the retention; {@link
   * TimeRange#ALL_TIME} is the whole retention. The one
   * range check of the library: queries and the HTTP API both use it.
   *
   * @throws QueryException naming the parameter that breaks a rule
   */
  public QueryRange resolve(Clock clock, Duration retention) {
    QueryRange range = this;
    Instant now = clock.instant();
    if (range.preset() == TimeRange.ALL_TIME) {
      return between(now.minus(retention), now);
    }
    if (range.preset() != null) {
      if (range.preset().span().compareTo(retention) > 0) {
        throw new QueryException("range", range.preset().label() + " is longer than the retention of " + retention);
      }
      return between(now.minus(range.preset().span()), now);
    }
    Instant from = range.from();
    Instant to = range.to();
    if (!from.isBefore(to)) {
      throw new QueryException("from", "must be before to, was from=" + from + " to=" + to);
    }
    if (to.isAfter(now.plus(FUTURE_SLACK))) {
      throw new QueryException("to", "must not be more than " + FUTURE_SLACK + " in the future, was " + to);
    }
    if (Duration.between(from, to).compareTo(retention) > 0) {
      throw new QueryException("from", "the range " + from + " .. " + to + " is longer than the retention of "
          + retention);
    }
    return between(from, to);
  }
}
