package dev.telemetry.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A validated, resolved range {@code [from, to)}. */
record Window(Instant from, Instant to) {
  /** How far past now an explicit {@code to} may reach (clock skew between nodes and browsers). */
  static final Duration FUTURE_SLACK = Duration.ofHours(1);

  static Window resolve(QueryRange range, Clock clock, Duration retention) {
    Instant now = clock.instant();
    if (range.preset() != null) {
      if (range.preset().span().compareTo(retention) > 0) {
        throw new QueryException("range", range.preset().label() + " is longer than the retention of " + retention);
      }
      return new Window(now.minus(range.preset().span()), now);
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
    return new Window(from, to);
  }

  Duration span() {
    return Duration.between(from, to);
  }
}
