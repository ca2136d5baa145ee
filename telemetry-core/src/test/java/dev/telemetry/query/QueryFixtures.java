package dev.telemetry.query;

import dev.telemetry.MutableClock;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.events.EventQueries;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A store, contract and clock for query tests, and helpers that write samples into the store. */
final class QueryFixtures {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String LATENCY = StandardMetrics.HTTP_SERVER_DURATION;
  static final String REQUESTS = StandardMetrics.HTTP_SERVER_REQUESTS;
  static final String ERRORS = StandardMetrics.HTTP_SERVER_ERRORS;

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryStore store = InMemoryStore.builder().maxSamples(5_000_000).build();
  final MetricContract contract =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();

  TelemetryQueries queries() {
    return TelemetryQueries.builder(store, contract, clock, Duration.ofDays(30)).build();
  }

  EventQueries events() {
    return EventQueries.builder(store, clock, Duration.ofDays(30)).build();
  }

  RollupJob rollups() {
    return RollupJob.builder(store, contract, clock).build();
  }

  static MetricSample histogram(Instant bucket, Resolution resolution, String node, Map<String, String> labels,
      double... values) {
    LatencySketch sketch = new LatencySketch();
    double sum = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (double v : values) {
      sketch.record(v);
      sum += v;
      min = Double.isNaN(min) ? v : Math.min(min, v);
      max = Double.isNaN(max) ? v : Math.max(max, v);
    }
    return new MetricSample(resolution.bucketStart(bucket), resolution, LATENCY, node, labels, MetricKind.HISTOGRAM,
        values.length, sum, min, max, Double.NaN, sketch);
  }

  static MetricSample minuteLatency(Instant minute, String node, Map<String, String> labels, double... values) {
    return histogram(minute, Resolution.MINUTE, node, labels, values);
  }

  static MetricSample counter(String metric, Instant bucket, Resolution resolution, String node,
      Map<String, String> labels, double delta) {
    return new MetricSample(resolution.bucketStart(bucket), resolution, metric, node, labels, MetricKind.COUNTER,
        1, delta, Double.NaN, Double.NaN, Double.NaN, null);
  }

  void write(List<MetricSample> samples) {
    store.write(new WriteBatch(UUID.randomUUID().toString(), "test", samples, List.of(), List.of(), List.of(),
        List.of()));
  }

  void write(MetricSample... samples) {
    write(List.of(samples));
  }
}
