package dev.telemetry.rollup;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a background job at a fixed rate; a failing run is logged and the next run still happens. */
final class Schedules {
  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

  private Schedules() {}

  static ScheduledFuture<?> atFixedRate(ScheduledExecutorService executor, Duration interval, String job,
      Runnable run) {
    requireNonNull(executor, "executor");
    if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("interval of " + job + " must be at least 1s, was " + interval);
    }
    long millis = interval.toMillis();
    return executor.scheduleAtFixedRate(guarded(job, run), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** {@code run}, with anything it throws logged instead of cancelling the schedule. */
  static Runnable guarded(String job, Runnable run) {
    return () -> {
      try {
        run.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; it runs again at the next interval", job, e);
      }
    };
  }
}
