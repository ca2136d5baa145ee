package dev.telemetry;

import java.util.function.DoubleSupplier;

/**
 * A level (pool utilisation, queue depth, memory). Each flush stores the last value set and the
 * min, max and average of the values set during the interval; a registered callback is sampled
 * once per flush on the flusher thread (guarded: if it throws, the error is counted). Values must
 * be finite and non-negative. No method throws.
 *
 * <pre>{@code
 * telemetry.gauge("db_pool_utilization_ratio").register(() -> pool.active() / (double) pool.max());
 * }</pre>
 */
public interface Gauge {
  /** The metric name. */
  String name();

  void set(double value);

  void set(double value, String k1, String v1);

  void set(double value, String k1, String v1, String k2, String v2);

  /** Sets with any number of pairs {@code k1, v1, k2, v2 …}; allocates per call. */
  void setWithLabels(double value, String... keyValues);

  /** Samples {@code supplier} at every flush for the given label set (replacing an earlier one). */
  void register(DoubleSupplier supplier, String... keyValues);

  /** A handle for one label set. */
  BoundGauge bind(String... keyValues);
}
