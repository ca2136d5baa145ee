package dev.telemetry.query;

import dev.telemetry.rollup.Watermarks;

import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which stored resolution serves which part of a range. The coarsest allowed resolution serves
 * the whole buckets that lie inside the range and before its rollup watermark; the edges (a
 * partial first or last bucket, and everything after the watermark, which always includes the
 * current hour) fall to the next finer resolution, down to raw minutes. So the recent edge is
 * never empty, and no bucket is read twice.
 */
final class ReadPlan {
  /** One contiguous stretch read at one resolution: buckets starting in {@code [from, to)}. */
  record Segment(Resolution resolution, Instant from, Instant to) {}

  private ReadPlan() {}

  static List<Segment> segments(TelemetryStore store, Resolution coarsest, Instant from, Instant to) {
    List<Segment> out = new ArrayList<>(5);
    plan(store, coarsest, from, to, out);
    return out;
  }

  private static void plan(TelemetryStore store, Resolution resolution, Instant from, Instant to,
      List<Segment> out) {
    if (!from.isBefore(to)) {
      return;
    }
    if (resolution == Resolution.MINUTE) {
      out.add(new Segment(resolution, resolution.bucketStart(from), to));
      return;
    }
    Resolution finer = Resolution.values()[resolution.ordinal() - 1];
    Instant watermark = store.readWatermark(Watermarks.nameOf(resolution)).orElse(null);
    if (watermark == null) {
      plan(store, finer, from, to, out);
      return;
    }
    Instant start = ceil(resolution, from);
    Instant end = resolution.bucketStart(to);
    if (watermark.isBefore(end)) {
      end = resolution.bucketStart(watermark);
    }
    if (!start.isBefore(end)) {
      plan(store, finer, from, to, out);
      return;
    }
    plan(store, finer, from, start, out);
    out.add(new Segment(resolution, start, end));
    plan(store, finer, end, to, out);
  }

  private static Instant ceil(Resolution resolution, Instant t) {
    return TrendEngine.ceil(resolution, t);
  }
}
