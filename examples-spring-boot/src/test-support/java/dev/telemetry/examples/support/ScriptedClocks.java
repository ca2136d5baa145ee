package dev.telemetry.examples.support;

import dev.telemetry.spring.TelemetryBuilderCustomizer;
import dev.telemetry.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The example tests' clocks: a {@link ScriptedRequestClock} for the starter's request timing and a
 * {@link TestClock} for the Telemetry instance (the summary only reads complete minutes).
 * {@code @Import(ScriptedClocks.class)} on a {@code @SpringBootTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedClocks {
  @Bean
  ScriptedRequestClock scriptedRequestClock() {
    return new ScriptedRequestClock();
  }

  @Bean
  TestClock telemetryClock() {
    return TestClock.at(Instant.now());
  }

  @Bean
  TelemetryBuilderCustomizer telemetryOnTheTestClock(TestClock clock) {
    return builder -> builder.clock(clock);
  }

  /** The value at rank ceil(q·n) of the sorted values (the definition a quantile sketch approximates). */
  public static double nearestRank(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
  }
}
