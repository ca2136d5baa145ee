package dev.telemetry.rollup;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the daily event rollups ({@link EventDayRollup}) of each complete UTC day, oldest first,
 * behind the watermark {@value Watermarks#EVENT_DAY}: one bounded read per event type and day
 * (at most {@value #MAX_TYPES_PER_DAY} types, at most {@link EventQuery#MAX_LIMIT} events each),
 * then one atomic replace of the day. A day is rolled up once its end plus the grace has passed;
 * events stored later for that day do not reach its rollup (they are still read raw while the
 * retention keeps them).
 */
final class EventDayRollups {
  /** Most event types rolled up per day. */
  static final int MAX_TYPES_PER_DAY = 1000;

  private EventDayRollups() {}

  /** What one pass did. */
  record Pass(int daysRolled, long rowsWritten, Instant watermark, boolean caughtUp, String failure) {}

  static Pass roll(TelemetryStore store, Instant now, Duration grace, Duration lookback, int maxDays) {
    Instant watermark = store.readWatermark(Watermarks.EVENT_DAY)
        .orElse(Resolution.DAY.bucketStart(now.minus(lookback)));
    int rolled = 0;
    long rows = 0;
    Duration day = Resolution.DAY.width();
    while (!watermark.plus(day).plus(grace).isAfter(now)) {
      if (rolled == maxDays) {
        return new Pass(rolled, rows, watermark, false, "");
      }
      List<EventDayRollup> summary = summarizeDay(store, watermark);
      Instant next = watermark.plus(day);
      StoreResult result = store.replaceEventDays(watermark, summary);
      if (result.success()) {
        result = store.writeWatermark(Watermarks.EVENT_DAY, next);
      }
      if (!result.success()) {
        return new Pass(rolled, rows, watermark, false, result.message());
      }
      watermark = next;
      rolled++;
      rows += summary.size();
    }
    return new Pass(rolled, rows, watermark, true, "");
  }

  private static List<EventDayRollup> summarizeDay(TelemetryStore store, Instant day) {
    Instant end = day.plus(Resolution.DAY.width());
    List<BusinessEvent> events = new ArrayList<>();
    List<EventDayRollup> out = new ArrayList<>();
    for (EventTypeCount type : store.readEventTypes(day, end, MAX_TYPES_PER_DAY)) {
      events.clear();
      events.addAll(store.readEvents(new EventQuery(type.type(), day, end, EventQuery.MAX_LIMIT)));
      out.addAll(EventDayRollup.summarize(day, events));
    }
    return out;
  }
}
