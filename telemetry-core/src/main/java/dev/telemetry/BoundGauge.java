package dev.telemetry;

/** A {@link Gauge} series with its labels resolved once. */
public interface BoundGauge {
  void set(double value);
}
