package dev.telemetry;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.List;

/** A small contract and helpers shared by the Telemetry tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:30Z");
  static final String LATENCY = "http_server_duration_seconds";
  static final String REQUESTS = "http_server_requests_total";
  static final String POOL = "db_pool_utilization_ratio";

  private Fixtures() {}

  static MetricContract contract(int budget) {
    return MetricContract.builder()
        .histogram(LATENCY, m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY)
            .labels("route", "method", "status").cardinalityBudget(budget))
        .counter(REQUESTS, m -> m.signal(GoldenSignal.TRAFFIC).labels("route", "method", "status")
            .cardinalityBudget(budget))
        .gauge(POOL, m -> m.unit(MetricUnit.RATIO).signal(GoldenSignal.SATURATION).labels("pool"))
        .build();
  }

  /** A manual-flush instance on a fixed clock. */
  static Telemetry.Builder manual(TelemetryStore store, MutableClock clock) {
    return Telemetry.builder().service("test-app").node("node-a").contract(contract(100)).store(store)
        .clock(clock).backgroundThreads(false).closeOnShutdown(false);
  }

  static List<MetricSample> samples(TelemetryStore store, String metric) {
    return store.readSamples(SampleQuery.of(metric, Resolution.MINUTE, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
  }

  static long totalCount(TelemetryStore store, String metric) {
    return samples(store, metric).stream().mapToLong(MetricSample::count).sum();
  }

  static double totalSum(TelemetryStore store, String metric) {
    return samples(store, metric).stream().mapToDouble(MetricSample::sum).sum();
  }
}
