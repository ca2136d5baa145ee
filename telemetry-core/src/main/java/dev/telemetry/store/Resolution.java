package dev.telemetry.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The width of a metric sample's time bucket. Raw samples are {@link #MINUTE}; {@link #HOUR}
 * and {@link #DAY} are rollups merged from sketches, never averaged.
 */
public enum Resolution {
  MINUTE(Duration.ofMinutes(1)),
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1));

  private final Duration width;
  private final long widthMillis;

  Resolution(Duration width) {
    this.width = width;
    this.widthMillis = width.toMillis();
  }

  /** The bucket width. */
  public Duration width() {
    return width;
  }

  /** The rollup resolution merged from this one, or {@code null} for {@link #DAY}. */
  public Resolution coarser() {
    return this == DAY ? null : values()[ordinal() + 1];
  }

  /** The resolution this one is merged from, or {@code null} for raw {@link #MINUTE} samples. */
  public Resolution finer() {
    return this == MINUTE ? null : values()[ordinal() - 1];
  }

  /** The start of the bucket that contains {@code instant} (buckets are aligned to the epoch, UTC). */
  public Instant bucketStart(Instant instant) {
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), widthMillis) * widthMillis);
  }
}
