package dev.telemetry.rollup;

import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.time.Instant;

/**
 * Names of the rollup watermarks. The watermark of a rollup resolution is the exclusive end of
 * the buckets the rollup job has written: rolled-up data is complete before it, absent after.
 */
public final class Watermarks {
  public static final String HOUR = "rollup.hour";
  public static final String DAY = "rollup.day";
  /** The exclusive end of the UTC days whose event day rollups are written. */
  public static final String EVENT_DAY = "rollup.event_day";
  /**
   * The first minute from which every flush also wrote node-merged rows ({@code SampleQuery.CLUSTER}):
   * queries without a node filter read those rows for buckets from here on, each node's rows before.
   */
  public static final String CLUSTER_SINCE = "cluster.since";

  private Watermarks() {}

  /**
   * After {@code written} (with its node-merged rows) was stored: sets {@link #CLUSTER_SINCE} to its
   * first minute unless set. Returns whether the watermark is now known to exist (false when the
   * batch held no minute, or the store failed: the caller tries again after its next write).
   */
  public static boolean noteClusterRows(TelemetryStore store, WriteBatch written) {
    Instant first = null;
    for (MetricSample s : written.samples()) {
      if (s.resolution() == Resolution.MINUTE && (first == null || s.bucketStart().isBefore(first))) {
        first = s.bucketStart();
      }
    }
    if (first == null) {
      return false;
    }
    try {
      return store.readWatermark(CLUSTER_SINCE).isPresent() || store.writeWatermark(CLUSTER_SINCE, first).success();
    } catch (RuntimeException e) {
      return false;
    }
  }

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
