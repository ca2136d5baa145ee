package dev.telemetry.examples.demo;

import dev.telemetry.Telemetry;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/**
 * Generates history by running the live simulator over past minutes, newest first, through a
 * second {@link Telemetry} instance whose clock stands in each minute and which flushes by hand.
 * History therefore goes through the same record path, redaction and minute buckets as live
 * traffic, and the most recent hours fill first.
 */
final class Backfill {
  private Backfill() {}

  /** Fills {@code days} of history ending at {@code end}; stops early when {@code stop} says so. */
  static long run(TelemetryStore store, String node, RedactionPolicy redaction, Instant end, int days,
      BooleanSupplier stop) {
    MovableClock clock = new MovableClock(end);
    Telemetry history = Telemetry.builder().service("demo-shop").environment("demo").node(node)
        .contract(DemoModel.contract()).store(new UnclosedStore(store)).redaction(redaction).clock(clock)
        .backgroundThreads(false).closeOnShutdown(false).build();
    LiveTraffic traffic = new LiveTraffic(history, end.getEpochSecond(), 0.01);
    Instant lastMinute = Resolution.MINUTE.bucketStart(end);
    long minutes = (long) days * 24 * 60;
    long done = 0;
    for (long m = 1; m <= minutes && !stop.getAsBoolean(); m++) {
      Instant minuteEnd = lastMinute.minus(Duration.ofMinutes(m - 1));
      clock.now = minuteEnd;
      traffic.tick(minuteEnd.minusSeconds(30), Duration.ofMinutes(1));
      history.flush();
      done++;
    }
    history.close();
    return done;
  }

  /** The history instance must not close the store the live instance uses. */
  private static final class UnclosedStore extends ForwardingStore {
    UnclosedStore(TelemetryStore delegate) {
      super(delegate);
    }

    @Override
    public void close() {}
  }

  private static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
