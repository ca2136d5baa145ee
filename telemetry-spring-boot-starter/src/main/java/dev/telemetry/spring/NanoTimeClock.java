package dev.telemetry.spring;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link TelemetryRequestClock} seen as the {@link Clock} the instrumentation modules take: the
 * reading is the instant's nanoseconds since the epoch, so {@code epochSecond × 10⁹ + nano} gives
 * it back exactly (they measure durations only, as differences of two instants).
 */
final class NanoTimeClock extends Clock {
  private final TelemetryRequestClock source;

  NanoTimeClock(TelemetryRequestClock source) {
    this.source = source;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(0, source.nanoTime());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
