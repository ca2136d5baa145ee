package dev.telemetry.otel;

import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns cumulative points into per-interval deltas, keeping the previous point of every stream
 * (metric name + attributes).
 *
 * <p>A reset is detected when the point's start time differs from the previous point's, or when
 * any count or a monotonic sum goes down; the whole point is then the delta (everything since
 * the new start). The first point of a stream is also taken whole: the reader was registered
 * with the meter provider, so it has seen everything since the stream's start. Bounded: at most
 * {@link #MAX_STREAMS} streams are tracked, points of further streams are refused (the caller
 * counts them); a stream absent from {@link #STALE_AFTER} consecutive collections is forgotten.
 * Not thread-safe: the metric reader calls its exporter from one thread at a time.
 */
final class CumulativeDeltas {
  static final int MAX_STREAMS = 10_000;
  static final int STALE_AFTER = 10;

  private final Map<Key, Previous> streams = new HashMap<>();
  private long collection;

  private record Key(String metric, Attributes attributes) {}

  /** What was last seen of a stream. */
  private static final class Previous {
    long start;
    long seen;
    double sum;
    long count;
    double min;
    double max;
    double[] bounds;
    long[] counts;
    int scale;
    int offset;
    long zeroCount;
  }

  /** The delta of one histogram point (or of a sum, in {@code sum} only). */
  record Delta(long count, double sum, double min, double max, int scale, int offset, long[] counts, long zeroCount) {}

  /** Starts a new collection (one exporter call); forgets streams not seen for a while. */
  void beginCollection() {
    collection++;
    if (collection % STALE_AFTER == 0) {
      for (Iterator<Previous> it = streams.values().iterator(); it.hasNext(); ) {
        if (collection - it.next().seen > STALE_AFTER) {
          it.remove();
        }
      }
    }
  }

  /** The increase of a monotonic cumulative sum since the previous point, or NaN when refused. */
  double sum(String metric, Attributes attributes, long start, double value) {
    Previous prev = previous(metric, attributes);
    if (prev == null) {
      return Double.NaN;
    }
    boolean reset = prev.seen == 0 || prev.start != start || value < prev.sum;
    double delta = reset ? value : value - prev.sum;
    prev.sum = value;
    remember(prev, start);
    return delta;
  }

  /** The delta of an explicit-bucket histogram point, or null when refused. */
  Delta explicit(String metric, Attributes attributes, long start, List<Double> boundaries, List<Long> counts,
      long count, double sum, double min, double max) {
    Previous prev = previous(metric, attributes);
    if (prev == null) {
      return null;
    }
    double[] bounds = boundaries.stream().mapToDouble(Double::doubleValue).toArray();
    long[] current = counts.stream().mapToLong(Long::longValue).toArray();
    boolean reset = prev.seen == 0 || prev.start != start || !Arrays.equals(bounds, prev.bounds)
        || count < prev.count || anyDecrease(current, prev.counts);
    Delta delta = reset ? new Delta(count, sum, min, max, 0, 0, current, 0)
        : new Delta(count - prev.count, sum - prev.sum, newExtreme(min, prev.min, true),
            newExtreme(max, prev.max, false), 0, 0, subtract(current, prev.counts), 0);
    prev.bounds = bounds;
    store(prev, start, count, sum, min, max, current);
    return delta;
  }

  /** The delta of an exponential histogram point's positive buckets, or null when refused. */
  Delta exponential(String metric, Attributes attributes, long start, int scale, int offset, List<Long> counts,
      long zeroCount, long count, double sum, double min, double max) {
    Previous prev = previous(metric, attributes);
    if (prev == null) {
      return null;
    }
    long[] current = counts.stream().mapToLong(Long::longValue).toArray();
    long[] aligned = prev.seen == 0 || scale > prev.scale ? null : align(prev, scale, offset, current.length);
    boolean reset = aligned == null || prev.start != start || count < prev.count || zeroCount < prev.zeroCount
        || anyDecrease(current, aligned);
    Delta delta = reset ? new Delta(count, sum, min, max, scale, offset, current, zeroCount)
        : new Delta(count - prev.count, sum - prev.sum, newExtreme(min, prev.min, true),
            newExtreme(max, prev.max, false), scale, offset, subtract(current, aligned), zeroCount - prev.zeroCount);
    prev.scale = scale;
    prev.offset = offset;
    prev.zeroCount = zeroCount;
    store(prev, start, count, sum, min, max, current);
    return delta;
  }

  int trackedStreams() {
    return streams.size();
  }

  private Previous previous(String metric, Attributes attributes) {
    Key key = new Key(metric, attributes);
    Previous prev = streams.get(key);
    if (prev == null) {
      if (streams.size() >= MAX_STREAMS) {
        return null;
      }
      prev = new Previous();
      streams.put(key, prev);
    }
    return prev;
  }

  private void remember(Previous prev, long start) {
    prev.start = start;
    prev.seen = collection;
  }

  private void store(Previous prev, long start, long count, double sum, double min, double max, long[] counts) {
    prev.count = count;
    prev.sum = sum;
    prev.min = min;
    prev.max = max;
    prev.counts = counts;
    remember(prev, start);
  }

  /**
   * The previous buckets re-indexed to the current scale and offset (the SDK only ever lowers the
   * scale of a cumulative stream: each old bucket {@code i} falls into {@code i >> (old - new)});
   * null when a previous bucket lies outside the current range, which only a reset can cause.
   */
  private static long[] align(Previous prev, int scale, int offset, int length) {
    long[] out = new long[length];
    int shift = prev.scale - scale;
    for (int j = 0; j < prev.counts.length; j++) {
      if (prev.counts[j] == 0) {
        continue;
      }
      long index = ((long) prev.offset + j) >> shift;
      long at = index - offset;
      if (at < 0 || at >= length) {
        return null;
      }
      out[(int) at] += prev.counts[j];
    }
    return out;
  }

  /** A cumulative min (max) that moved was reached in this interval; otherwise it is unknown. */
  private static double newExtreme(double current, double previous, boolean isMin) {
    if (Double.isNaN(current) || Double.isNaN(previous)) {
      return Double.NaN;
    }
    return (isMin ? current < previous : current > previous) ? current : Double.NaN;
  }

  private static boolean anyDecrease(long[] current, long[] previous) {
    if (previous == null || previous.length != current.length) {
      return true;
    }
    for (int i = 0; i < current.length; i++) {
      if (current[i] < previous[i]) {
        return true;
      }
    }
    return false;
  }

  private static long[] subtract(long[] current, long[] previous) {
    long[] out = new long[current.length];
    for (int i = 0; i < current.length; i++) {
      out[i] = current[i] - previous[i];
    }
    return out;
  }
}
