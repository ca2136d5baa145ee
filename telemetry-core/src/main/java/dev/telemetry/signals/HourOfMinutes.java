package dev.telemetry.signals;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last {@value #MINUTES} complete minutes of one metric, aggregated across series and nodes
 * into one slot per minute. Index {@code MINUTES - 1} is the last complete minute.
 */
final class HourOfMinutes {
  static final int MINUTES = 60;
  private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

  final Instant from;
  final double[] totals = new double[MINUTES];
  final boolean[] present = new boolean[MINUTES];
  final double[] highest = new double[MINUTES];
  final String[] highestSource = new String[MINUTES];
  final LatencySketch[] sketches = new LatencySketch[MINUTES];

  private HourOfMinutes(Instant from) {
    this.from = from;
    Arrays.fill(highest, Double.NaN);
  }

  /** Counter deltas (or histogram counts) summed per minute. */
  static HourOfMinutes totals(Instant from, List<MetricSample> samples) {
    HourOfMinutes h = new HourOfMinutes(from);
    for (MetricSample s : samples) {
      int i = h.slot(s);
      if (i >= 0) {
        h.totals[i] += s.kind() == MetricKind.COUNTER ? s.sum() : s.count();
        h.present[i] = true;
      }
    }
    return h;
  }

  /** Histogram sketches merged per minute (never averaging percentiles). */
  static HourOfMinutes sketches(Instant from, List<MetricSample> samples) {
    HourOfMinutes h = new HourOfMinutes(from);
    for (MetricSample s : samples) {
      int i = h.slot(s);
      if (i >= 0 && s.sketch() != null && !s.sketch().isEmpty()) {
        if (h.sketches[i] == null) {
          h.sketches[i] = new LatencySketch();
        }
        h.sketches[i].merge(s.sketch());
        h.present[i] = true;
      }
    }
    return h;
  }

  /** The highest gauge value per minute (each sample's max × {@code scale}) and its series. */
  static HourOfMinutes highest(Instant from, List<MetricSample> samples, double scale, HourOfMinutes into) {
    HourOfMinutes h = into != null ? into : new HourOfMinutes(from);
    for (MetricSample s : samples) {
      int i = h.slot(s);
      double v = s.max() * scale;
      if (i >= 0 && !Double.isNaN(v) && !(v <= h.highest[i])) {
        h.highest[i] = v;
        h.highestSource[i] = describe(s);
        h.present[i] = true;
      }
    }
    return h;
  }

  static HourOfMinutes empty(Instant from) {
    return new HourOfMinutes(from);
  }

  /**
   * A fresh sketch of the last {@code minutes} complete minutes that are {@code covered}, merged,
   * or {@code null} when empty.
   */
  LatencySketch mergedLast(int minutes, boolean[] covered) {
    LatencySketch merged = null;
    for (int i = MINUTES - minutes; i < MINUTES; i++) {
      if (covered[i] && sketches[i] != null) {
        if (merged == null) {
          merged = new LatencySketch();
        }
        merged.merge(sketches[i]);
      }
    }
    return merged;
  }

  /** The totals of the last {@code minutes} complete minutes that are {@code covered}. */
  double sumLast(int minutes, boolean[] covered) {
    double sum = 0;
    for (int i = MINUTES - minutes; i < MINUTES; i++) {
      sum += covered[i] ? totals[i] : 0;
    }
    return sum;
  }

  Instant minuteStart(int i) {
    return from.plusMillis(i * MINUTE_MILLIS);
  }

  static Set<String> nodes(List<MetricSample> samples) {
    return samples.stream().map(MetricSample::node).collect(Collectors.toSet());
  }

  private int slot(MetricSample s) {
    long i = (s.bucketStart().toEpochMilli() - from.toEpochMilli()) / MINUTE_MILLIS;
    return s.bucketStart().isBefore(from) || i >= MINUTES ? -1 : (int) i;
  }

  private static String describe(MetricSample s) {
    if (s.labels().isEmpty()) {
      return s.metric();
    }
    return s.metric() + s.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
