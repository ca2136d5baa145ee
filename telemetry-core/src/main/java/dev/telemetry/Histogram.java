package dev.telemetry;

import dev.telemetry.sketch.LatencySketch;
import java.time.Duration;

/**
 * Records a distribution (latencies, sizes) into mergeable sketches, one series per label set.
 *
 * <p>Labels are given as (key, value) pairs. Up to four pairs are resolved without allocating
 * (once the label set has been seen); for a fixed label set, {@link #bind} a handle once and
 * record on it. Keys outside the metric's allowlist are dropped and counted, route values are
 * templated, label sets past the cardinality budget fold into one overflow series. NaN, infinite
 * and negative values are rejected and counted. No method throws.
 *
 * <pre>{@code
 * Histogram latency = telemetry.histogram("http_server_duration_seconds");
 * latency.record(0.042, "route", "/users/{id}", "method", "GET");
 * }</pre>
 */
public interface Histogram {
  /** The metric name. */
  String name();

  void record(double value);

  void record(double value, String k1, String v1);

  void record(double value, String k1, String v1, String k2, String v2);

  void record(double value, String k1, String v1, String k2, String v2, String k3, String v3);

  void record(double value, String k1, String v1, String k2, String v2, String k3, String v3, String k4, String v4);

  /** Records with any number of pairs {@code k1, v1, k2, v2 …}; allocates per call. */
  void recordWithLabels(double value, String... keyValues);

  /** Records a duration converted to the metric's time unit (rejected if the unit is not a time). */
  void record(Duration duration);

  /**
   * Merges a whole distribution recorded elsewhere into the series of the given pairs {@code k1,
   * v1, k2, v2 …}, as if each of its values had been recorded here. For bridges that receive
   * histograms already aggregated (OpenTelemetry exponential or explicit-bucket histograms,
   * converted with {@link LatencySketch#fromExponentialHistogram} or {@link
   * LatencySketch#fromExplicitBuckets}); the values must be in the metric's unit. Labels go through
   * the same allowlist, templating and budget as {@link #recordWithLabels}. An empty sketch is
   * ignored; a {@code null} one, or one with a negative or infinite minimum or maximum, is rejected
   * and counted. The sketch is read, not kept. Allocates per call: not for the per-request path.
   */
  void recordSketch(LatencySketch sketch, String... keyValues);

  /** A handle for one label set: resolves the labels once. */
  BoundHistogram bind(String... keyValues);
}
