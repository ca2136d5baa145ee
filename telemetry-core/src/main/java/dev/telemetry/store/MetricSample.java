package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.MetricKind;
import dev.telemetry.internal.sample.SampleAccumulator;
import dev.telemetry.sketch.LatencySketch;
import java.time.Instant;
import java.util.Map;

/**
 * One metric series over one time bucket on one node.
 *
 * <p>Counters carry the delta for the bucket in {@code sum} ({@code count} is the number of
 * increments) and no sketch. Gauges and histograms carry {@code count, sum, min, max} and a
 * {@link LatencySketch} of the recorded values; gauges also carry the {@code last} value set in
 * the bucket. The sketch is owned by the sample and must not be mutated once the sample exists:
 * readers that merge sketches merge into a fresh sketch.
 *
 * @param bucketStart start of the bucket, aligned to {@code resolution}
 * @param resolution bucket width
 * @param metric metric name from the contract
 * @param node the node (process) that recorded it
 * @param labels the label set after allowlisting and budgeting, sorted by key, immutable
 * @param kind the metric kind
 * @param count number of recorded values (or increments)
 * @param sum sum of values (the counter delta for counters)
 * @param min smallest value, NaN when {@code count == 0} or for counters
 * @param max largest value, NaN when {@code count == 0} or for counters
 * @param last last value set (gauges), NaN otherwise
 * @param sketch distribution of values, {@code null} for counters
 */
public record MetricSample(
    Instant bucketStart,
    Resolution resolution,
    String metric,
    String node,
    Map<String, String> labels,
    MetricKind kind,
    long count,
    double sum,
    double min,
    double max,
    double last,
    LatencySketch sketch) {

  public MetricSample {
    requireNonNull(bucketStart, "bucketStart");
    requireNonNull(resolution, "resolution");
    requireNonNull(metric, "metric");
    requireNonNull(node, "node");
    labels = Labels.sorted(labels);
    requireNonNull(kind, "kind");
  }

  /** The value at quantile {@code q} from the sketch, NaN for counters or empty samples. */
  public double quantile(double q) {
    return sketch == null || sketch.isEmpty() ? Double.NaN : sketch.quantile(q);
  }

  /**
   * This sample merged with a later one of the same key, as {@link TelemetryStore#write} requires:
   * counts and sums add, min and max combine, sketches merge into a new sketch (neither input is
   * mutated), and the later sample's {@code last} wins unless it has none. The key fields are
   * taken from this sample.
   */
  public MetricSample mergedWith(MetricSample later) {
    SampleAccumulator merged = new SampleAccumulator();
    merged.add(count, sum, min, max, last, bucketStart.toEpochMilli(), sketch);
    merged.add(later.count, later.sum, later.min, later.max, later.last, later.bucketStart.toEpochMilli(),
        later.sketch);
    return new MetricSample(bucketStart, resolution, metric, node, labels, kind, merged.count(), merged.sum(),
        merged.min(), merged.max(), merged.last(), merged.sketch());
  }
}
