package dev.telemetry.query;

import dev.telemetry.store.Resolution;
import java.time.Duration;
import java.util.List;

/**
 * The chart steps a trend may use, and the stored resolution each one reads. Every step divides a
 * day, so step buckets aligned to the epoch are aligned to hours and days too.
 */
final class StepLadder {
  /** Most points a chart series gets. */
  static final int MAX_POINTS = 300;

  static final List<Duration> STEPS = List.of(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofDays(1));

  private StepLadder() {}

  /** The finest step that gives at most {@link #MAX_POINTS} points over {@code span}. */
  static Duration stepFor(Duration span) {
    long spanMillis = span.toMillis();
    for (Duration step : STEPS) {
      long points = (spanMillis + step.toMillis() - 1) / step.toMillis();
      if (points <= MAX_POINTS) {
        return step;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }

  /** The coarsest stored resolution whose buckets fit inside one step. */
  static Resolution resolutionFor(Duration step) {
    if (step.compareTo(Duration.ofHours(1)) < 0) {
      return Resolution.MINUTE;
    }
    return step.compareTo(Duration.ofDays(1)) < 0 ? Resolution.HOUR : Resolution.DAY;
  }
}
