package dev.telemetry.examples.demo;

import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The minutes of demo history already in the store: one contiguous range {@code [from, to)},
 * kept as two store watermarks and moved after every minute written, so a restarted demo
 * generates only the minutes it has not written before (a restart never doubles the history).
 *
 * <p>{@code to} follows the live traffic too: the demo moves it to the current minute while it
 * runs. What a crash can cost: the minute being written when the process died may be written
 * again on the next start (one minute of simulated traffic, never more).
 */
record DemoHistory(Instant from, Instant to) {
  static final String FROM = "demo.history.from";
  static final String TO = "demo.history.to";

  /** The range recorded in {@code store}, if the demo wrote there before. */
  static Optional<DemoHistory> read(TelemetryStore store) {
    Optional<Instant> from = store.readWatermark(FROM);
    Optional<Instant> to = store.readWatermark(TO);
    if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())) {
      return Optional.empty();
    }
    return Optional.of(new DemoHistory(from.get(), to.get()));
  }

  /**
   * What to generate so that {@code [now - days, now)} is covered: the gap after what is there
   * (oldest first, so the range stays contiguous), then the stretch before it (newest first).
   * A range that ended before the window started, or an empty store, gives one fresh range.
   */
  static Plan plan(Optional<DemoHistory> existing, Instant now, int days) {
    Instant windowStart = now.minus(Duration.ofDays(days));
    if (existing.isEmpty() || !existing.get().to().isAfter(windowStart) || existing.get().to().isAfter(now)) {
      return new Plan(now, now, true, windowStart);
    }
    DemoHistory had = existing.get();
    return new Plan(had.from(), had.to(), false, windowStart);
  }

  /**
   * @param from the covered range's start before this run (moves down as older minutes are written)
   * @param to the covered range's end before this run (moves up to now as the gap is written)
   * @param fresh whether the store held no usable range: {@code [from, to)} restarts at now
   * @param windowStart how far back the history should reach
   */
  record Plan(Instant from, Instant to, boolean fresh, Instant windowStart) {
    /** Minutes after the covered range, up to now: written oldest first. */
    Instant gapFrom() {
      return to;
    }

    /** Minutes before the covered range, back to the window's start: written newest first. */
    Instant olderTo() {
      return from;
    }
  }
}
