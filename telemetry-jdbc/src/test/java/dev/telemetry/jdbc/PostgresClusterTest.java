package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.testkit.TestClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes share one PostgreSQL: reads aggregate both, a node filter narrows, percentiles merge. */
class PostgresClusterTest {
  private static String url;
  private final String prefix = TestDatabases.uniquePrefix();
  private final TestClock clock = TestClock.at(ClusterFixtures.T0);

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @AfterEach
  void dropTables() throws Exception {
    TestDatabases.dropPostgresTables(url, prefix);
  }

  @Test
  void readsAggregateEveryNodeAndMergePercentilesAcrossThem() {
    JdbcStore storeA = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
    JdbcStore storeB = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
    Telemetry a = ClusterFixtures.manualNode("node-a", storeA, clock);
    Telemetry b = ClusterFixtures.manualNode("node-b", storeB, clock);
    Random random = new Random(42);
    double[] fastValues = new double[5_000];
    double[] slowValues = new double[5_000];
    for (int minute = 0; minute < 3; minute++) {
      record(a.histogram(LATENCY), random, fastValues, minute, 0.020); // node-a: ~20 ms
      record(b.histogram(LATENCY), random, slowValues, minute, 0.400); // node-b: ~400 ms
      a.counter(REQUESTS).add(10, "route", "/pay");
      b.counter(REQUESTS).add(32, "route", "/pay");
      a.flush();
      b.flush();
      clock.advance(Duration.ofMinutes(1));
    }

    // Both nodes' rows are visible through either store; a node filter narrows to one.
    assertThat(ClusterFixtures.totalSum(storeB, REQUESTS)).isEqualTo(3 * (10 + 32));
    assertThat(ClusterFixtures.minuteSamples(storeA, REQUESTS, "node-a")).extracting(MetricSample::sum)
        .containsOnly(10.0).hasSize(3);
    assertThat(ClusterFixtures.minuteSamples(storeA, REQUESTS, "node-b")).extracting(MetricSample::node)
        .containsOnly("node-b");

    List<MetricSample> latency = ClusterFixtures.minuteSamples(storeA, LATENCY, null);
    assertThat(latency).extracting(MetricSample::node).containsOnly("node-a", "node-b").hasSize(6);
    LatencySketch merged = new LatencySketch();
    latency.forEach(s -> merged.merge(s.sketch()));
    double[] all = new double[fastValues.length * 3 * 2];
    int n = 0;
    for (int minute = 0; minute < 3; minute++) {
      for (double v : fastValues) {
        all[n++] = v;
      }
      for (double v : slowValues) {
        all[n++] = v;
      }
    }
    assertThat(merged.count()).isEqualTo(all.length);
    Arrays.sort(all);
    for (double q : new double[] {0.50, 0.95, 0.99}) {
      double exact = all[(int) Math.ceil(q * all.length) - 1];
      assertThat(merged.quantile(q)).as("p%s across both nodes", (int) (q * 100)).isCloseTo(exact, within(exact * 0.01));
    }
    // The cluster p50 lies between the nodes' own: it is a merge, not either node nor an average of p50s.
    double p50A = mergedQuantile(ClusterFixtures.minuteSamples(storeA, LATENCY, "node-a"), 0.5);
    double p50B = mergedQuantile(ClusterFixtures.minuteSamples(storeA, LATENCY, "node-b"), 0.5);
    assertThat(merged.quantile(0.5)).isStrictlyBetween(p50A, p50B).isNotCloseTo((p50A + p50B) / 2, within(0.01));
    a.close();
    b.close();
  }

  /** Records the same values every minute (so the exact reference is known). */
  private static void record(Histogram h, Random random, double[] values, int minute, double median) {
    for (int i = 0; i < values.length; i++) {
      if (minute == 0) {
        values[i] = median * Math.exp(0.6 * random.nextGaussian());
      }
      h.record(values[i], "route", "/pay");
    }
  }

  private static double mergedQuantile(List<MetricSample> samples, double q) {
    LatencySketch s = new LatencySketch();
    samples.forEach(m -> s.merge(m.sketch()));
    return s.quantile(q);
  }
}
