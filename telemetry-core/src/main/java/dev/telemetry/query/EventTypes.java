package dev.telemetry.query;

import dev.telemetry.store.EventTypeCount;
import java.time.Instant;
import java.util.List;

/**
 * The business-event types seen in a range ({@code /events/types}): what {@code /events?type=}
 * can be asked about.
 *
 * @param from range start
 * @param to range end (exclusive)
 * @param types most frequent first, each with its count, dimension keys and newest event
 * @param limit most types listed; {@code types.size() == limit} means there may be more
 */
public record EventTypes(Instant from, Instant to, List<EventTypeCount> types, int limit) {
  public EventTypes {
    types = List.copyOf(types);
  }
}
