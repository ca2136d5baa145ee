package dev.telemetry.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A validated, resolved range {@code [from, to)}. */
record Window(Instant from, Instant to) {
  /** How far past now an explicit {@code to} may reach (clock skew between nodes and browsers). */

  static Window resolve(QueryRange range, Clock clock, Duration retention) {
    QueryRange resolved = range.resolve(clock, retention);
    return new Window(resolved.from(), resolved.to());
  }

  Duration span() {
    return Duration.between(from, to);
  }
}
