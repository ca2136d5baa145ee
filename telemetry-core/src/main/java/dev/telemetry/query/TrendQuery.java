package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * A trend request: one metric over a range, optionally filtered by exact label values, split by
 * one label key and limited to one node. Checked against the contract when it runs.
 *
 * <pre>{@code
 * TrendQuery q = TrendQuery.of("http_server_duration_seconds", QueryRange.last(TimeRange.LAST_24_HOURS))
 *     .withLabel("method", "GET")
 *     .groupBy("route");
 * }</pre>
 *
 * @param metric a metric of the contract
 * @param range the time range
 * @param labels exact label filter (keys must be in the metric's allowlist)
 * @param groupBy one label key of the metric's allowlist, or {@code null} for one series
 * @param node only this node, or {@code null} for all nodes
 */
public record TrendQuery(String metric, QueryRange range, Map<String, String> labels, String groupBy, String node) {
  public TrendQuery {
    if (metric == null || metric.isEmpty()) {
      throw new QueryException("metric", "is required");
    }
    requireNonNull(range, "range");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** Every label set of {@code metric} on every node, as one series. */
  public static TrendQuery of(String metric, QueryRange range) {
    return new TrendQuery(metric, range, Map.of(), null, null);
  }

  /** This query with {@code key=value} added to the label filter. */
  public TrendQuery withLabel(String key, String value) {
    Map<String, String> more = new TreeMap<>(labels);
    more.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
    return new TrendQuery(metric, range, more, groupBy, node);
  }

  /** This query split into one series per value of {@code key}. */
  public TrendQuery groupBy(String key) {
    return new TrendQuery(metric, range, labels, key, node);
  }

  /** This query limited to {@code node}. */
  public TrendQuery onNode(String node) {
    return new TrendQuery(metric, range, labels, groupBy, node);
  }
}
