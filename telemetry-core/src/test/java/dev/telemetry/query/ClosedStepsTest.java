package dev.telemetry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.internal.sample.SampleAccumulator;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedStepsTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void staysWithinItsByteBoundWhateverIsPutIntoIt() {
    ClosedSteps steps = new ClosedSteps(256 * 1024);
    steps.observe(7);
    for (int i = 0; i < 5_000; i++) {
      steps.put(key("/r" + (i % 50), i * HOUR), 7, groups(20, i), 60_000);
    }

    assertThat(steps.bytes()).isPositive().isLessThanOrEqualTo(256 * 1024);
    assertThat(steps.size()).isLessThan(5_000);
  }

  @Test
  void countsTheMergedSketchesInAnEntrysBytes() {
    ClosedSteps small = new ClosedSteps(1L << 30);
    ClosedSteps wide = new ClosedSteps(1L << 30);
    small.put(key("/a", 0), 1, groups(1, 1), 60_000);
    wide.put(key("/a", 0), 1, groups(20, 1), 60_000);

    assertThat(wide.bytes()).isGreaterThan(10 * small.bytes() / 2);
  }

  @Test
  void servesAStepOnlyUnderTheRevisionItWasReadUnder() {
    ClosedSteps steps = new ClosedSteps(1L << 20);
    steps.observe(1);
    Map<String, SampleAccumulator> merged = groups(1, 3);
    steps.put(key("/a", 0), 1, merged, 60_000);

    assertThat(steps.get(key("/a", 0), 1)).containsOnlyKeys(merged.keySet());
    assertThat(steps.step(key("/a", 0), 1).coveredMillis()).as("the step keeps its covered time").isEqualTo(60_000);
    assertThat(steps.get(key("/a", 0), 2)).isNull();
  }

  @Test
  void dropsEveryStepTheFirstTimeItSeesANewRevision() {
    ClosedSteps steps = new ClosedSteps(1L << 20);
    steps.observe(1);
    steps.put(key("/a", 0), 1, groups(1, 3), 60_000);
    steps.put(key("/a", HOUR), 1, groups(1, 4), 60_000);

    steps.observe(2);

    assertThat(steps.size()).isZero();
    // A slow reader that read under the old revision may still put; it is never served under the new one.
    steps.put(key("/a", 0), 1, groups(1, 3), 60_000);
    assertThat(steps.get(key("/a", 0), 2)).isNull();
  }

  @Test
  void refusesANegativeBound() {
    assertThatThrownBy(() -> new ClosedSteps(-1)).hasMessageContaining("closedStepCacheBytes");
    assertThatThrownBy(() -> TelemetryQueries.builder(InMemoryStore.builder().build(), MetricContract.empty(),
        Clock.systemUTC(), Duration.ofDays(1)).closedStepCacheBytes(-1)).hasMessageContaining("closedStepCacheBytes");
  }

  private static ClosedSteps.Key key(String route, long stepStart) {
    return new ClosedSteps.Key("latency", Map.of("route", route), null, null, Long.MIN_VALUE, 3 * HOUR, stepStart);
  }

  /** {@code n} group values, each a merge of a sketch spread over two decades. */
  private static Map<String, SampleAccumulator> groups(int n, long seed) {
    Map<String, SampleAccumulator> out = new HashMap<>();
    for (int g = 0; g < n; g++) {
      LatencySketch sketch = new LatencySketch();
      for (int v = 1; v <= 200; v++) {
        sketch.record(v * (1 + seed % 7) / 1000.0);
      }
      SampleAccumulator a = new SampleAccumulator();
      a.add(sketch.count(), sketch.sum(), sketch.min(), sketch.max(), Double.NaN, 0L, sketch);
      out.put("/g" + g, a);
    }
    return out;
  }
}
