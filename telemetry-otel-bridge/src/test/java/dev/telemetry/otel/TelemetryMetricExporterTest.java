package dev.telemetry.otel;

import static dev.telemetry.otel.BridgeFixtures.JOBS;
import static dev.telemetry.otel.BridgeFixtures.JOB_DURATION;
import static dev.telemetry.otel.MetricPoints.counter;
import static dev.telemetry.otel.MetricPoints.explicit;
import static dev.telemetry.otel.MetricPoints.exponential;
import static io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE;
import static io.opentelemetry.sdk.metrics.data.AggregationTemporality.DELTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;

import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryMetricExporterTest {
  private static final Map<String, String> EMAILS = Map.of("queue", "emails");
  private static final long S = 1_000_000_000L;

  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final TelemetryMetricExporter exporter = TelemetryMetricExporter.create(telemetry);

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void cumulativeSdkStreamsAreRecordedAsPerIntervalDeltas() {
    TelemetryMetricExporter cumulative = TelemetryMetricExporter.builder(telemetry)
        .temporality(AggregationTemporalitySelector.alwaysCumulative()).build();
    SdkMeterProvider metering = SdkMeterProvider.builder()
        .registerMetricReader(PeriodicMetricReader.builder(cumulative).setInterval(Duration.ofDays(1)).build()).build();
    try {
      LongCounter jobs = metering.get("t").counterBuilder("jobs.processed").build();
      DoubleHistogram duration = metering.get("t").histogramBuilder("jobs.duration").setUnit("s").build();
      Attributes emails = Attributes.of(AttributeKey.stringKey("queue"), "emails");
      jobs.add(5, emails);
      duration.record(0.1, emails);
      collect(metering);
      telemetry.flush();
      assertThat(BridgeFixtures.sample(store, JOBS, EMAILS).sum()).isEqualTo(5);

      jobs.add(3, emails);
      duration.record(0.3, emails);
      duration.record(0.5, emails);
      collect(metering);
      collect(metering);
      telemetry.flush();

      assertThat(BridgeFixtures.total(store, JOBS)).as("5 then 3, the idle third collection adds nothing").isEqualTo(8);
      // the fixed clock puts both flushes in one minute bucket: 1 value, then the 2 new ones (not 1 + 3)
      MetricSample merged = BridgeFixtures.sample(store, JOB_DURATION, EMAILS);
      assertThat(merged.count()).isEqualTo(3);
      assertThat(merged.sum()).isCloseTo(0.1 + 0.8, within(1e-9));
      assertThat(merged.max()).isEqualTo(0.5);
      assertThat(cumulative.getAggregationTemporality(InstrumentType.COUNTER)).isEqualTo(CUMULATIVE);
    } finally {
      metering.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void prefersDeltaTemporalityAndExponentialHistogramsByDefault() {
    assertThat(exporter.getAggregationTemporality(InstrumentType.COUNTER)).isEqualTo(DELTA);
    assertThat(exporter.getDefaultAggregation(InstrumentType.HISTOGRAM).toString()).contains("Base2Exponential");
  }

  @Test
  void aCumulativeSumWhoseStartTimeChangedIsAResetAndCountsWhole() {
    exporter.export(List.of(counter("jobs.processed", CUMULATIVE, 0, 10 * S, 100)));
    exporter.export(List.of(counter("jobs.processed", CUMULATIVE, 0, 20 * S, 130)));
    exporter.export(List.of(counter("jobs.processed", CUMULATIVE, 25 * S, 30 * S, 4)));
    exporter.export(List.of(counter("jobs.processed", CUMULATIVE, 25 * S, 40 * S, 10)));
    telemetry.flush();

    assertThat(BridgeFixtures.total(store, JOBS)).isEqualTo(100 + 30 + 4 + 6);
  }

  @Test
  void deltaSumsAreAddedAsTheyCome() {
    exporter.export(List.of(counter("jobs.processed", DELTA, 0, 10 * S, 7)));
    exporter.export(List.of(counter("jobs.processed", DELTA, 10 * S, 20 * S, 2)));
    telemetry.flush();

    assertThat(BridgeFixtures.total(store, JOBS)).isEqualTo(9);
  }

  @Test
  void cumulativeExplicitHistogramsAreDifferencedBucketByBucket() {
    List<Double> bounds = List.of(0.1, 0.5, 1.0);
    exporter.export(List.of(explicit("jobs.duration", "s", CUMULATIVE, 0, 10 * S, bounds, List.of(4L, 0L, 0L, 0L),
        0.2, 0.05, 0.05)));
    exporter.export(List.of(explicit("jobs.duration", "s", CUMULATIVE, 0, 20 * S, bounds, List.of(4L, 0L, 2L, 0L),
        1.8, 0.05, 0.9)));
    telemetry.flush();

    assertThat(BridgeFixtures.samples(store, JOB_DURATION)).singleElement().satisfies(s -> {
      assertThat(s.count()).isEqualTo(6);
      assertThat(s.sum()).isCloseTo(1.8, within(1e-9));
      assertThat(s.max()).isEqualTo(0.9);
      assertThat(s.quantile(1.0)).as("the two later values lie in (0.5, 1.0]").isBetween(0.5, 0.9);
    });
  }

  @Test
  void cumulativeExponentialHistogramsSurviveTheSdkLoweringTheScale() {
    // first collection: 3 values in bucket 640 at scale 7; then the SDK rescales to 6 (bucket 640 → 320)
    exporter.export(List.of(exponential("jobs.duration", "s", CUMULATIVE, 0, 10 * S, 7, 640, List.of(3L), 0, 96,
        Double.NaN, Double.NaN)));
    exporter.export(List.of(exponential("jobs.duration", "s", CUMULATIVE, 0, 20 * S, 6, 320, List.of(3L, 0L, 0L, 5L),
        1, 96 + 5 * 35, Double.NaN, Double.NaN)));
    telemetry.flush();

    MetricSample s = BridgeFixtures.samples(store, JOB_DURATION).get(0);
    assertThat(s.count()).isEqualTo(3 + 5 + 1);
    assertThat(s.sum()).isCloseTo(96 + 5 * 35.0, within(1e-9));
    assertThat(s.quantile(1.0)).as("the 5 new values sit in bucket 323 at scale 6")
        .isBetween(Math.pow(2, 323 / 64.0) * 0.99, Math.pow(2, 324 / 64.0) * 1.01);
  }

  @Test
  void millisecondsAreConvertedIntoASecondsMetric() {
    exporter.export(List.of(explicit("jobs.duration", "ms", DELTA, 0, 10 * S, List.of(100.0, 200.0),
        List.of(0L, 10L, 0L), 1500, 150, 150)));
    telemetry.flush();

    assertThat(BridgeFixtures.samples(store, JOB_DURATION)).singleElement().satisfies(s -> {
      assertThat(s.sum()).isCloseTo(1.5, within(1e-9));
      assertThat(s.quantile(0.5)).isCloseTo(0.150, within(1e-9));
    });
  }

  @Test
  void pointsOfUndeclaredMetricsAreSkippedAndCountedWithoutFailingTheExport() {
    CompletableResultCode result = exporter.export(List.of(counter("cache.evictions", DELTA, 0, S, 3),
        counter("jobs.processed", DELTA, 0, S, 1)));
    telemetry.flush();

    assertThat(result.isSuccess()).isTrue();
    assertThat(exporter.skippedPoints()).isEqualTo(1);
    assertThat(exporter.recordedPoints()).isEqualTo(1);
    assertThat(BridgeFixtures.total(store, JOBS)).isEqualTo(1);
  }

  @Test
  void answersFailureAfterShutdownInsteadOfThrowing() {
    exporter.shutdown();
    assertThat(exporter.export(List.of(counter("jobs.processed", DELTA, 0, S, 1))).isSuccess()).isFalse();
  }

  private static void collect(SdkMeterProvider metering) {
    assertThat(metering.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

}
