package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static dev.telemetry.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Histogram#recordSketch}: the hook bridges use to record an already aggregated histogram. */
class RecordSketchTest {
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStore store = InMemoryStore.create();
  private final Telemetry telemetry = Fixtures.manual(store, clock).build();

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void mergesAWholeDistributionIntoTheSeriesOfItsLabels() {
    LatencySketch imported = new LatencySketch();
    for (int i = 1; i <= 100; i++) {
      imported.record(i / 1000.0);
    }
    telemetry.histogram(LATENCY).record(0.5, "route", "/a");
    telemetry.histogram(LATENCY).recordSketch(imported, "route", "/users/42", "user_agent", "curl");
    telemetry.flush();

    MetricSample sample = Fixtures.samples(store, LATENCY).stream()
        .filter(s -> s.labels().equals(Map.of("route", "/users/{id}"))).findFirst().orElseThrow();
    assertThat(sample.count()).isEqualTo(100);
    assertThat(sample.sum()).isCloseTo(5.05, within(1e-9));
    assertThat(sample.min()).isEqualTo(0.001);
    assertThat(sample.max()).isEqualTo(0.1);
    assertThat(sample.quantile(0.5)).isCloseTo(0.050, within(0.050 * 0.01));
    assertThat(telemetry.selfMetrics().droppedLabels()).isEqualTo(1);
    assertThat(imported.count()).as("the caller's sketch is only read").isEqualTo(100);
  }

  @Test
  void mergesIntoWhatWasRecordedValueByValueInTheSameInterval() {
    LatencySketch imported = new LatencySketch();
    imported.record(0.2, 3);
    telemetry.histogram(LATENCY).record(0.1, "route", "/a");
    telemetry.histogram(LATENCY).recordSketch(imported, "route", "/a");
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).singleElement().satisfies(s -> {
      assertThat(s.count()).isEqualTo(4);
      assertThat(s.min()).isEqualTo(0.1);
      assertThat(s.sum()).isCloseTo(0.7, within(1e-9));
    });
  }

  @Test
  void ignoresAnEmptySketchAndRejectsANullOneWithoutThrowing() {
    telemetry.histogram(LATENCY).recordSketch(new LatencySketch(), "route", "/a");
    telemetry.histogram(LATENCY).recordSketch(null, "route", "/a");
    telemetry.flush();

    assertThat(Fixtures.samples(store, LATENCY)).isEmpty();
    assertThat(telemetry.selfMetrics().rejectedValues()).isEqualTo(1);
  }
}
