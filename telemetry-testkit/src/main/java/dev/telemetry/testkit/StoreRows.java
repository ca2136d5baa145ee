package dev.telemetry.testkit;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of store rows for tests, with sensible defaults. */
public final class StoreRows {
  private StoreRows() {}

  /** A histogram sample holding {@code values}. */
  public static MetricSample histogram(String metric, Instant bucket, String node, Map<String, String> labels,
      double... values) {
    return histogram(metric, Resolution.MINUTE, bucket, node, labels, values);
  }

  /** A histogram sample of the given resolution holding {@code values}. */
  public static MetricSample histogram(String metric, Resolution resolution, Instant bucket, String node,
      Map<String, String> labels, double... values) {
    LatencySketch sketch = new LatencySketch();
    double sum = 0;
    for (double v : values) {
      sketch.record(v);
      sum += v;
    }
    return new MetricSample(bucket, resolution, metric, node, labels, MetricKind.HISTOGRAM, values.length, sum,
        sketch.min(), sketch.max(), Double.NaN, sketch);
  }

  /** A counter sample: {@code delta} over {@code increments} increments. */
  public static MetricSample counter(String metric, Instant bucket, String node, Map<String, String> labels,
      long increments, double delta) {
    return new MetricSample(bucket, Resolution.MINUTE, metric, node, labels, MetricKind.COUNTER, increments, delta,
        Double.NaN, Double.NaN, Double.NaN, null);
  }

  /** A gauge sample whose last value is the last of {@code values}. */
  public static MetricSample gauge(String metric, Instant bucket, String node, Map<String, String> labels,
      double... values) {
    MetricSample h = histogram(metric, bucket, node, labels, values);
    return new MetricSample(bucket, Resolution.MINUTE, metric, node, h.labels(), MetricKind.GAUGE, h.count(), h.sum(),
        h.min(), h.max(), values[values.length - 1], h.sketch());
  }

  /** An ERROR or WARN log event. */
  public static LogEvent log(Instant ts, LogLevel level, String domain, String event, String message,
      String traceId) {
    return new LogEvent(ts, level, "svc", "node-a", domain, event, message, traceId, null, Map.of());
  }

  /** A span in the trace index. */
  public static TraceRecord span(Instant ts, String traceId, String route, int status, double durationMs) {
    return new TraceRecord(ts, traceId, "00f067aa0ba902b7", "GET " + route, "svc", "node-a", "api", route, status,
        status >= 500, durationMs);
  }

  /** A business event. */
  public static BusinessEvent event(Instant ts, String type, String subject, Map<String, String> dimensions,
      Outcome outcome) {
    return new BusinessEvent(ts, type, subject, dimensions, outcome, 1, "svc", "node-a");
  }

  /** A heartbeat of a service. */
  public static Heartbeat heartbeat(String name, String node, Instant lastSeen) {
    return new Heartbeat(name, Heartbeat.Kind.SERVICE, node, lastSeen, Duration.ofSeconds(30), Duration.ZERO, true,
        "");
  }

  /** A batch with a fresh id. */
  public static WriteBatch batch(List<MetricSample> samples, List<LogEvent> logs, List<TraceRecord> traces,
      List<BusinessEvent> events, List<Heartbeat> heartbeats) {
    return new WriteBatch(UUID.randomUUID().toString(), "node-a", samples, logs, traces, events, heartbeats);
  }

  /** A batch of samples only. */
  public static WriteBatch samples(MetricSample... samples) {
    return batch(List.of(samples), List.of(), List.of(), List.of(), List.of());
  }

  /** A batch of logs only. */
  public static WriteBatch logs(List<LogEvent> logs) {
    return batch(List.of(), logs, List.of(), List.of(), List.of());
  }

  /** A batch of spans only. */
  public static WriteBatch traces(List<TraceRecord> traces) {
    return batch(List.of(), List.of(), traces, List.of(), List.of());
  }
}
