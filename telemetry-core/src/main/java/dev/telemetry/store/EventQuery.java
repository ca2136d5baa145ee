package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Selects business events of one type (or all types) with {@code ts} in {@code [from, to)}.
 *
 * @param type event type, or {@code null} for every type
 * @param from inclusive start
 * @param to exclusive end
 * @param limit at most this many rows, newest first, 1..{@value #MAX_LIMIT}
 */
public record EventQuery(String type, Instant from, Instant to, int limit) {
  /** Most events one read returns. */
  public static final int MAX_LIMIT = 1_000_000;

  public EventQuery {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Whether {@code e} is selected (type and time). */
  public boolean matches(BusinessEvent e) {
    return (type == null || type.equals(e.type())) && !e.ts().isBefore(from) && e.ts().isBefore(to);
  }
}
