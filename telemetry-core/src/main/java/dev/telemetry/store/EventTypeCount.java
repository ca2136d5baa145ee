package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One business-event type seen in a time range.
 *
 * @param type the event type
 * @param count events of this type in the range
 * @param dimensionKeys the dimension keys its events carry, sorted, at most {@value #MAX_KEYS}
 * @param lastSeen the newest event's time
 */
public record EventTypeCount(String type, long count, List<String> dimensionKeys, Instant lastSeen) {
  /** Most dimension keys listed per type. */
  public static final int MAX_KEYS = 64;
  /** Most types one {@link TelemetryStore#readEventTypes} call lists. */
  public static final int MAX_TYPES = 1000;

  public EventTypeCount {
    requireNonNull(type, "type");
    requireNonNull(lastSeen, "lastSeen");
    dimensionKeys = List.copyOf(dimensionKeys);
  }
}
