package dev.telemetry.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when the test says so. Thread-safe: background components may read it
 * while the test advances it.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
 * Telemetry telemetry = Telemetry.builder().service("svc").clock(clock).backgroundThreads(false).build();
 * clock.advance(Duration.ofMinutes(1));
 * }</pre>
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant now) {
    this.now = now;
  }

  /** A clock standing at {@code iso} (an ISO-8601 instant). */
  public static TestClock at(String iso) {
    return new TestClock(Instant.parse(iso));
  }

  /** A clock standing at {@code instant}. */
  public static TestClock at(Instant instant) {
    return new TestClock(instant);
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  /** Sets the clock. */
  public void set(Instant instant) {
    now = instant;
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
