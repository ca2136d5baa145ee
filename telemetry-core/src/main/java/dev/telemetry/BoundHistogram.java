package dev.telemetry;

import java.time.Duration;
import java.util.concurrent.Callable;

/** A {@link Histogram} series with its labels resolved once: the fastest way to record. */
public interface BoundHistogram {
  void record(double value);

  /** Records a duration converted to the metric's time unit. */
  void record(Duration duration);

  /** Runs {@code work} and records how long it took, also when it throws. */
  void time(Runnable work);

  /** Calls {@code work} and records how long it took, also when it throws. */
  <T> T timeCallable(Callable<T> work) throws Exception;
}
