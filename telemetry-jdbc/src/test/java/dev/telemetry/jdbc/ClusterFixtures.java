package dev.telemetry.jdbc;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small contract and manual-flush Telemetry instances writing to a given store. */
final class ClusterFixtures {
  static final String LATENCY = "http_server_duration_seconds";
  static final String REQUESTS = "http_server_requests_total";
  static final Instant T0 = Instant.parse("2026-11-23T10:00:30Z");

  private ClusterFixtures() {}

  static MetricContract contract() {
    return MetricContract.builder()
        .histogram(LATENCY, m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY).labels("route")
            .cardinalityBudget(10_000))
        .counter(REQUESTS, m -> m.signal(GoldenSignal.TRAFFIC).labels("route")
            .cardinalityBudget(10_000))
        .build();
  }

  /** A node that writes only when the test calls {@code flush()}, on the test's clock. */
  static Telemetry manualNode(String node, TelemetryStore store, TestClock clock) {
    return Telemetry.builder().service("checkout").node(node).contract(contract()).store(store).clock(clock)
        .backgroundThreads(false).closeOnShutdown(false).build();
  }

  static List<MetricSample> minuteSamples(TelemetryStore store, String metric, String node) {
    return store.readSamples(new SampleQuery(metric, Resolution.MINUTE, Instant.EPOCH,
        Instant.parse("2100-01-01T00:00:00Z"), Map.of(), node));
  }

  static double totalSum(TelemetryStore store, String metric) {
    return minuteSamples(store, metric, null).stream().mapToDouble(MetricSample::sum).sum();
  }
}
