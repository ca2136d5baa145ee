package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ADR 0018 through the public API: two nodes' flushes fill one node-merged row that the queries read. */
class ClusterRowsThroughTelemetryTest {
  @Test
  void twoNodesFlushesMergeIntoOneRowThatTrendsReadWithTheSameAnswer() {
    InMemoryStore shared = InMemoryStore.create();
    MutableClock clock = new MutableClock(Fixtures.T0);
    try (Telemetry a = Fixtures.manual(new ForwardingStore(shared), clock).node("node-a").build();
        Telemetry b = Fixtures.manual(new ForwardingStore(shared), clock).node("node-b").build()) {
      for (int i = 0; i < 100; i++) {
        a.histogram(LATENCY).record((1 + i) / 1024.0, "route", "/orders");
        b.histogram(LATENCY).record((500 + i) / 1024.0, "route", "/orders");
      }
      a.flush();
      b.flush();
      Instant minute = Resolution.MINUTE.bucketStart(Fixtures.T0);

      List<MetricSample> merged = shared.readSamples(new SampleQuery(LATENCY, Resolution.MINUTE, minute,
          minute.plusSeconds(60), Map.of(), SampleQuery.CLUSTER));
      assertThat(merged).singleElement().satisfies(s -> assertThat(s.count()).isEqualTo(200));
      assertThat(Fixtures.totalCount(shared, LATENCY)).as("each node's own rows, read without a node").isEqualTo(200);
      assertThat(shared.readWatermark(Watermarks.CLUSTER_SINCE)).contains(minute);

      clock.set(Fixtures.T0.plus(Duration.ofMinutes(2)));
      TrendQuery hour = TrendQuery.of(LATENCY, QueryRange.last(TimeRange.LAST_HOUR));
      Trend fromMergedRows = a.queries().trend(hour);
      Trend ofNodeB = a.queries().trend(hour.onNode("node-b"));
      shared.writeWatermark(Watermarks.CLUSTER_SINCE, Fixtures.T0.plus(Duration.ofDays(365)));
      Trend fromEachNode = a.queries().trend(hour);

      assertThat(fromMergedRows).isEqualTo(fromEachNode);
      assertThat(fromMergedRows.series().get(0).points().stream().mapToLong(p -> p.count()).sum()).isEqualTo(200);
      assertThat(ofNodeB.series().get(0).points().stream().mapToLong(p -> p.count()).sum()).isEqualTo(100);
    }
  }
}
