package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Selects metric samples of one metric and resolution whose bucket starts in {@code [from, to)}.
 *
 * @param metric metric name
 * @param resolution bucket width to read
 * @param from inclusive start
 * @param to exclusive end
 * @param labelFilter labels that must match exactly (empty: all label sets)
 * @param node only this node; {@link #CLUSTER} for the node-merged rows; {@code null} for every
 *     node's own rows (never the node-merged ones, which would count everything twice)
 */
public record SampleQuery(
    String metric,
    Resolution resolution,
    Instant from,
    Instant to,
    Map<String, String> labelFilter,
    String node) {
  /**
   * The node name of node-merged rows: each flush also writes its minute samples under this name,
   * so the store merges every node's contribution into one row per label set (ADR 0018). Reserved:
   * no node may be called so.
   */
  public static final String CLUSTER = "*";

  public SampleQuery {
    requireNonNull(metric, "metric");
    requireNonNull(resolution, "resolution");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    labelFilter = Labels.sorted(labelFilter);
  }

  /** All label sets on all nodes (each node's own rows). */
  public static SampleQuery of(String metric, Resolution resolution, Instant from, Instant to) {
    return new SampleQuery(metric, resolution, from, to, Map.of(), null);
  }

  /** Whether {@code sample} is selected by this query. */
  public boolean matches(MetricSample sample) {
    return sample.metric().equals(metric)
        && sample.resolution() == resolution
        && !sample.bucketStart().isBefore(from)
        && sample.bucketStart().isBefore(to)
        && (node == null ? !CLUSTER.equals(sample.node()) : node.equals(sample.node()))
        && sample.labels().entrySet().containsAll(labelFilter.entrySet());
  }
}
