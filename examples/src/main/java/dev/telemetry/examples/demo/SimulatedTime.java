package dev.telemetry.examples.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * How many times something happens during one tick of simulated time, so that the demo's
 * activity has the same rate per simulated second whatever the tick length: 200 ms ticks live,
 * one-minute ticks in the backfill. Periodic work fires once per period boundary crossed; random
 * events are drawn from a Poisson distribution whose mean is rate × elapsed seconds.
 */
final class SimulatedTime {
  private SimulatedTime() {}

  /** The period boundaries (multiples of {@code period} since the epoch) in {@code (now - elapsed, now]}. */
  static long boundaries(Instant now, Duration elapsed, Duration period) {
    long p = period.toMillis();
    long end = now.toEpochMilli();
    long start = end - elapsed.toMillis();
    return Math.floorDiv(end, p) - Math.floorDiv(start, p);
  }

  /** A Poisson draw with mean {@code perSecond × elapsed}; exact (Knuth) in chunks small enough not to underflow. */
  static int occurrences(Random random, double perSecond, Duration elapsed) {
    double mean = perSecond * elapsed.toNanos() / 1e9;
    int count = 0;
    while (mean > 0) {
      double chunk = Math.min(mean, 30);
      mean -= chunk;
      double limit = Math.exp(-chunk);
      double product = random.nextDouble();
      while (product > limit) {
        count++;
        product *= random.nextDouble();
      }
    }
    return count;
  }
}
