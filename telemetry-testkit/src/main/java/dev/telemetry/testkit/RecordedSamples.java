package dev.telemetry.testkit;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads back what an instrumentation recorded: the minute samples of one metric in a store, with
 * totals by label and merged distributions. For tests of code that records through {@code
 * Telemetry} (flush it first).
 *
 * <pre>{@code
 * telemetry.flush();
 * assertThat(RecordedSamples.totalsBy(store, "http_server_requests_total", "route"))
 *     .containsEntry("/users/{id}", 3.0);
 * }</pre>
 */
public final class RecordedSamples {
  private static final Instant END_OF_TIME = Instant.parse("2100-01-01T00:00:00Z");

  private RecordedSamples() {}

  /** Every minute sample of {@code metric} whose labels include {@code labels}. */
  public static List<MetricSample> of(TelemetryStore store, String metric, Map<String, String> labels) {
    return store.readSamples(new SampleQuery(metric, Resolution.MINUTE, Instant.EPOCH, END_OF_TIME, labels, null));
  }

  /** Every minute sample of {@code metric}. */
  public static List<MetricSample> of(TelemetryStore store, String metric) {
    return of(store, metric, Map.of());
  }

  /**
   * The total of {@code metric} by the value of {@code labelKey} (samples without it under
   * {@code ""}): counter deltas for counters, the number of values for histograms and gauges.
   */
  public static Map<String, Double> totalsBy(TelemetryStore store, String metric, String labelKey) {
    Map<String, Double> totals = new TreeMap<>();
    for (MetricSample sample : of(store, metric)) {
      double amount = sample.sketch() == null ? sample.sum() : sample.count();
      totals.merge(sample.labels().getOrDefault(labelKey, ""), amount, Double::sum);
    }
    return totals;
  }

  /** The distribution of every value of {@code metric} recorded under {@code labels}, merged. */
  public static LatencySketch merged(TelemetryStore store, String metric, Map<String, String> labels) {
    LatencySketch merged = new LatencySketch();
    for (MetricSample sample : of(store, metric, labels)) {
      if (sample.sketch() != null) {
        merged.merge(sample.sketch());
      }
    }
    return merged;
  }

  /** The last value of a gauge series (the latest sample's {@code last}), NaN when none. */
  public static double lastGaugeValue(TelemetryStore store, String metric, Map<String, String> labels) {
    return of(store, metric, labels).stream()
        .max(Comparator.comparing(MetricSample::bucketStart))
        .map(MetricSample::last).orElse(Double.NaN);
  }
}
