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
import java.util.function.Consumer;

/**
 * Generates history by running the live simulator over past minutes through a second {@link
 * Telemetry} instance whose clock stands in each minute and which flushes by hand. History
 * therefore goes through the same record path, redaction and minute buckets as live traffic.
 */
final class Backfill {
  private Backfill() {}

  /** Fills {@code days} of history ending at {@code end}, newest first; stops early when {@code stop} says so. */
  static long run(TelemetryStore store, String node, RedactionPolicy redaction, Instant end, int days,
      BooleanSupplier stop) {
    Instant to = Resolution.MINUTE.bucketStart(end);
    return fill(store, node, redaction, to.minus(Duration.ofDays(days)), to, true, stop, covered -> { });
  }

  /**
   * Fills the minutes of {@code [from, to)} (both minute boundaries), newest first or oldest first,
   * until done or {@code stop} says so. After each minute is flushed, {@code progress} receives the
   * new edge of what is filled: the start of the minute when going newest first, its end when going
   * oldest first; the filled part is always one contiguous range at the {@code to} or {@code from} end.
   *
   * @return the minutes filled
   */
  static long fill(TelemetryStore store, String node, RedactionPolicy redaction, Instant from, Instant to,
      boolean newestFirst, BooleanSupplier stop, Consumer<Instant> progress) {
    return fill(store, node, redaction, from, to, newestFirst, stop, progress, Duration.ofMinutes(1));
  }

  /**
   * {@link #fill} with each minute simulated in ticks of {@code tick} (a divisor of a minute). The
   * simulator's rates are per simulated second, so the tick length changes nothing but the cost:
   * the demo uses one tick a minute, a test compares that with the live 200 ms ticks.
   */
  static long fill(TelemetryStore store, String node, RedactionPolicy redaction, Instant from, Instant to,
      boolean newestFirst, BooleanSupplier stop, Consumer<Instant> progress, Duration tick) {
    long ticksPerMinute = Duration.ofMinutes(1).toNanos() / tick.toNanos();
    if (ticksPerMinute < 1 || Duration.ofMinutes(1).toNanos() % tick.toNanos() != 0) {
      throw new IllegalArgumentException("tick must divide a minute, was " + tick);
    }
    long minutes = Duration.between(from, to).toMinutes();
    if (minutes <= 0) {
      return 0;
    }
    MovableClock clock = new MovableClock(to);
    Telemetry history = Telemetry.builder().service("demo-shop").environment("demo").node(node)
        .contract(DemoModel.contract()).store(new UnclosedStore(store)).redaction(redaction).clock(clock)
        .backgroundThreads(false).closeOnShutdown(false).build();
    LiveTraffic traffic = new LiveTraffic(history, to.getEpochSecond());
    long done = 0;
    try {
      for (long m = 0; m < minutes && !stop.getAsBoolean(); m++) {
        // The minute that ends at minuteEnd: the clock stands at its end while its traffic is made.
        Instant minuteEnd = newestFirst ? to.minus(Duration.ofMinutes(m)) : from.plus(Duration.ofMinutes(m + 1));
        clock.now = minuteEnd;
        Instant minuteStart = minuteEnd.minus(Duration.ofMinutes(1));
        for (long t = 1; t <= ticksPerMinute; t++) {
          traffic.tick(minuteStart.plus(tick.multipliedBy(t)), tick);
        }
        history.flush();
        done++;
        progress.accept(newestFirst ? minuteEnd.minus(Duration.ofMinutes(1)) : minuteEnd);
      }
    } finally {
      history.close();
    }
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
