package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {
  @Property
  void boundariesOfConsecutiveTicksAddUpToThoseOfTheWholeSpan(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long startMs,
      @ForAll @IntRange(min = 1, max = 600) int ticks, @ForAll @IntRange(min = 1, max = 60_000) int tickMs,
      @ForAll @IntRange(min = 1, max = 600_000) int periodMs) {
    Duration tick = Duration.ofMillis(tickMs);
    Duration period = Duration.ofMillis(periodMs);
    Instant start = Instant.ofEpochMilli(startMs);
    long sum = 0;
    for (int i = 1; i <= ticks; i++) {
      sum += SimulatedTime.boundaries(start.plus(tick.multipliedBy(i)), tick, period);
    }
    assertThat(sum).isEqualTo(SimulatedTime.boundaries(start.plus(tick.multipliedBy(ticks)), tick.multipliedBy(ticks),
        period));
  }

  @Test
  void occurrencesHaveTheRequestedMeanWhateverTheTickLength() {
    Random random = new Random(7);
    long minuteTicks = 0;
    long shortTicks = 0;
    for (int minute = 0; minute < 2_000; minute++) {
      minuteTicks += SimulatedTime.occurrences(random, 1.6, Duration.ofMinutes(1));
      for (int t = 0; t < 300; t++) {
        shortTicks += SimulatedTime.occurrences(random, 1.6, Duration.ofMillis(200));
      }
    }
    double expected = 1.6 * 60 * 2_000; // 192,000; one standard deviation is about 440
    assertThat((double) minuteTicks).isBetween(expected - 2_200, expected + 2_200);
    assertThat((double) shortTicks).isBetween(expected - 2_200, expected + 2_200);
  }
}
