package dev.telemetry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything one flush hands to a store, applied at most once.
 *
 * <p>{@code batchId} is unique per batch across restarts and nodes. A store that is handed a
 * batch whose id it has already applied must do nothing: this is how a retried batch never
 * double-counts. Samples with the same {@code (bucketStart, resolution, metric, node, labels)}
 * as an existing sample are merged into it (counts and sums add, sketches merge).
 *
 * @param batchId unique id of this batch
 * @param node the node that produced it
 * @param samples metric samples
 * @param logs log events
 * @param traces trace index rows
 * @param events business events
 * @param heartbeats heartbeats (latest wins per name and node)
 */
public record WriteBatch(
    String batchId,
    String node,
    List<MetricSample> samples,
    List<LogEvent> logs,
    List<TraceRecord> traces,
    List<BusinessEvent> events,
    List<Heartbeat> heartbeats) {

  public WriteBatch {
    requireNonNull(batchId, "batchId");
    requireNonNull(node, "node");
    samples = List.copyOf(samples);
    logs = List.copyOf(logs);
    traces = List.copyOf(traces);
    events = List.copyOf(events);
    heartbeats = List.copyOf(heartbeats);
  }

  /**
   * This batch plus a node-merged copy of each minute sample under {@link SampleQuery#CLUSTER}
   * (samples of one label set combined), so the store merges every node's flush into one row per
   * label set and minute, in the same atomic, idempotent write. Queries without a node filter then
   * read one row per label set instead of one per node (ADR 0018).
   */
  public WriteBatch withClusterSamples() {
    Map<SeriesKey, Map<Instant, MetricSample>> merged = new LinkedHashMap<>();
    for (MetricSample s : samples) {
      if (s.resolution() != Resolution.MINUTE || SampleQuery.CLUSTER.equals(s.node())) {
        continue;
      }
      MetricSample copy = new MetricSample(s.bucketStart(), s.resolution(), s.metric(), SampleQuery.CLUSTER,
          s.labels(), s.kind(), s.count(), s.sum(), s.min(), s.max(), s.last(), s.sketch());
      merged.computeIfAbsent(new SeriesKey(s.metric(), SampleQuery.CLUSTER, s.labels()), k -> new HashMap<>())
          .merge(s.bucketStart(), copy, MetricSample::mergedWith);
    }
    if (merged.isEmpty()) {
      return this;
    }
    List<MetricSample> all = new ArrayList<>(samples);
    merged.values().forEach(byMinute -> all.addAll(byMinute.values()));
    return new WriteBatch(batchId, node, all, logs, traces, events, heartbeats);
  }

  /** Number of rows in the batch. */
  public int size() {
    return samples.size() + logs.size() + traces.size() + events.size() + heartbeats.size();
  }

  /** Whether the batch carries nothing. */
  public boolean isEmpty() {
    return size() == 0;
  }
}
