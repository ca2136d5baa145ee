package dev.telemetry;

import dev.telemetry.contract.MetricUnit;

/** Conversion of durations into a metric's declared time unit. */
final class TimeUnits {
  private TimeUnits() {}

  /** Multiplier from nanoseconds to {@code unit}, or NaN when the unit is not a time. */
  static double perNano(MetricUnit unit) {
    if (unit == null) {
      return Double.NaN;
    }
    switch (unit.suffix()) {
      case "seconds":
        return 1e-9;
      case "milliseconds":
        return 1e-6;
      case "microseconds":
        return 1e-3;
      case "nanoseconds":
        return 1;
      default:
        return Double.NaN;
    }
  }
}
