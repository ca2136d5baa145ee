package dev.telemetry.rollup;

import dev.telemetry.store.Resolution;

/**
 * Names of the rollup watermarks. The watermark of a rollup resolution is the exclusive end of
 * the buckets the rollup job has written: rolled-up data is complete before it, absent after.
 */
public final class Watermarks {
  public static final String HOUR = "rollup.hour";
  public static final String DAY = "rollup.day";

  private Watermarks() {}

  public static String nameOf(Resolution resolution) {
    switch (resolution) {
      case HOUR:
        return HOUR;
      case DAY:
        return DAY;
      default:
        throw new IllegalArgumentException("minute samples are raw, they have no rollup watermark");
    }
  }
}
