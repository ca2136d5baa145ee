package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a Telemetry instance wrote for one metric, read back from its store after a flush. */
final class RecordedSamples {
  private RecordedSamples() {}

  static List<MetricSample> of(Telemetry telemetry, String metric) {
    telemetry.flush();
    telemetry.awaitWritten(java.time.Duration.ofSeconds(10));
    return telemetry.store().readSamples(SampleQuery.of(metric, Resolution.MINUTE, Instant.EPOCH,
        Instant.parse("9999-01-01T00:00:00Z")));
  }

  /** The counter's total over every sample whose labels include {@code labels}. */
  static double counterTotal(Telemetry telemetry, String metric, Map<String, String> labels) {
    return of(telemetry, metric).stream()
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(MetricSample::sum)
        .sum();
  }
}
