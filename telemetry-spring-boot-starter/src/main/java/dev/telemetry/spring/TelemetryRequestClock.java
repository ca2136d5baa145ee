package dev.telemetry.spring;

/**
 * The time source of the starter's request filter ({@link dev.telemetry.servlet.TelemetryFilter}):
 * a monotonic nanosecond reading, as {@link System#nanoTime()}. The starter uses {@link #system()};
 * a bean of this type replaces it (tests use it to give requests known durations).
 */
@FunctionalInterface
public interface TelemetryRequestClock {
  /** The current reading; only differences between two readings mean anything. */
  long nanoTime();

  /** {@link System#nanoTime()}. */
  static TelemetryRequestClock system() {
    return System::nanoTime;
  }
}
