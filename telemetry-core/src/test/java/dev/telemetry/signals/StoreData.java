package dev.telemetry.signals;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes hand-made samples and logs into an {@link InMemoryStore}. */
final class StoreData {
  private final InMemoryStore store;
  private int batch;

  StoreData(InMemoryStore store) {
    this.store = store;
  }

  void histogram(String metric, String node, Map<String, String> labels, Instant minute, double... values) {
    LatencySketch sketch = new LatencySketch();
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sketch.record(v);
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    samples(new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.HISTOGRAM, values.length,
        sum, min, max, Double.NaN, sketch));
  }

  void counter(String metric, String node, Map<String, String> labels, Instant minute, double delta) {
    samples(new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.COUNTER, 1, delta,
        Double.NaN, Double.NaN, Double.NaN, null));
  }

  void gauge(String metric, String node, Map<String, String> labels, Instant minute, double max) {
    LatencySketch sketch = new LatencySketch();
    sketch.record(max);
    samples(new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.GAUGE, 1, max, max, max,
        max, sketch));
  }

  void log(LogLevel level, Instant ts, String event) {
    store.write(new WriteBatch("b" + batch++, "node-a", List.of(), List.of(new LogEvent(ts, level, "shop", "node-a",
        "orders", event, "failed", null, null, Map.of())), List.of(), List.of(), List.of()));
  }

  void samples(MetricSample... samples) {
    store.write(new WriteBatch("b" + batch++, "node-a", List.of(samples), List.of(), List.of(), List.of(), List.of()));
  }
}
