package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.sketch.LatencySketch;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenTelemetry {@link MetricExporter} that records metric points as native samples through the
 * contract: names mapped by {@link NameMapping}, attributes turned into declared labels, values
 * converted to the contract metric's unit ({@code ms} into a {@code _seconds} metric).
 *
 * <table>
 * <caption>What each point type becomes</caption>
 * <tr><th>OpenTelemetry</th><th>contract kind</th><th>recorded as</th></tr>
 * <tr><td>monotonic sum</td><td>counter</td><td>the increase since the previous point</td></tr>
 * <tr><td>non-monotonic sum, gauge</td><td>gauge</td><td>the value</td></tr>
 * <tr><td>explicit-bucket histogram</td><td>histogram</td><td>a sketch of the interval's buckets
 *     (as precise as the buckets are narrow)</td></tr>
 * <tr><td>exponential histogram</td><td>histogram</td><td>a sketch of the interval's buckets,
 *     lossless at scale ≥ 6</td></tr>
 * </table>
 *
 * <p>Both temporalities are accepted: delta points are recorded as they are; cumulative points
 * are converted to deltas per stream, detecting resets by start time (see {@code
 * docs/decisions/0008-otel-bridge.md}). The preferred temporality is delta, and histograms default
 * to base-2 exponential aggregation, whose buckets map onto the native sketch without loss;
 * both can be changed on the {@link Builder}.
 *
 * <pre>{@code
 * SdkMeterProvider metrics = SdkMeterProvider.builder()
 *     .registerMetricReader(PeriodicMetricReader.builder(TelemetryMetricExporter.create(telemetry))
 *         .setInterval(Duration.ofSeconds(10)).build())
 *     .build();
 * }</pre>
 *
 * <p>Points of metrics the contract does not declare (or declares as another kind), negative
 * histogram buckets and points past the cumulative stream limit are skipped and counted in
 * {@link #skippedPoints()}. Never throws into the SDK. Does not close the {@link Telemetry}.
 */
public final class TelemetryMetricExporter extends NativeExporter implements MetricExporter {
  private final ContractTargets targets;
  private final AggregationTemporalitySelector temporality;
  private final boolean exponentialHistograms;
  private final CumulativeDeltas deltas = new CumulativeDeltas();
  private final LongAdder recordedPoints = new LongAdder();
  private final LongAdder skippedPoints = new LongAdder();

  private TelemetryMetricExporter(Builder builder) {
    this.targets = new ContractTargets(builder.telemetry, builder.mapping);
    this.temporality = builder.temporality;
    this.exponentialHistograms = builder.exponentialHistograms;
  }

  /** An exporter into {@code telemetry} with the defaults. */
  public static TelemetryMetricExporter create(Telemetry telemetry) {
    return builder(telemetry).build();
  }

  public static Builder builder(Telemetry telemetry) {
    return new Builder(requireNonNull(telemetry, "telemetry"));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return temporality.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return exponentialHistograms && instrumentType == InstrumentType.HISTOGRAM
        ? Aggregation.base2ExponentialBucketHistogram() : Aggregation.defaultAggregation();
  }

  @Override
  public synchronized CompletableResultCode export(Collection<MetricData> metrics) {
    deltas.beginCollection();
    return exportEach(metrics, this::exportMetric);
  }

  private void exportMetric(MetricData metric) {
    switch (metric.getType()) {
      case LONG_SUM -> sum(metric, metric.getLongSumData());
      case DOUBLE_SUM -> sum(metric, metric.getDoubleSumData());
      case LONG_GAUGE -> gauge(metric, metric.getLongGaugeData().getPoints());
      case DOUBLE_GAUGE -> gauge(metric, metric.getDoubleGaugeData().getPoints());
      case HISTOGRAM -> histogram(metric);
      case EXPONENTIAL_HISTOGRAM -> exponentialHistogram(metric);
      default -> skippedPoints.add(1);
    }
  }

  private void sum(MetricData metric, SumData<? extends PointData> data) {
    if (!data.isMonotonic()) {
      gauge(metric, data.getPoints());
      return;
    }
    Optional<MetricDefinition> target = targets.resolve(metric.getName(), metric.getUnit(), MetricKind.COUNTER);
    if (target.isEmpty()) {
      skippedPoints.add(data.getPoints().size());
      return;
    }
    MetricDefinition def = target.get();
    boolean cumulative = data.getAggregationTemporality() == AggregationTemporality.CUMULATIVE;
    for (PointData point : data.getPoints()) {
      double value = value(point);
      double delta = cumulative ? deltas.sum(metric.getName(), point.getAttributes(), point.getStartEpochNanos(),
          value) : value;
      if (Double.isNaN(delta)) {
        skippedPoints.increment();
      } else if (delta > 0) {
        targets.telemetry().counter(def.name()).addWithLabels(delta, targets.labels(def, point.getAttributes()));
        recordedPoints.increment();
      }
    }
  }

  private void gauge(MetricData metric, Collection<? extends PointData> points) {
    Optional<MetricDefinition> target = targets.resolve(metric.getName(), metric.getUnit(), MetricKind.GAUGE);
    if (target.isEmpty()) {
      skippedPoints.add(points.size());
      return;
    }
    MetricDefinition def = target.get();
    double factor = Units.factor(Units.secondsPer(metric.getUnit()), def.unit());
    for (PointData point : points) {
      targets.telemetry().gauge(def.name()).setWithLabels(value(point) * factor,
          targets.labels(def, point.getAttributes()));
      recordedPoints.increment();
    }
  }

  private void histogram(MetricData metric) {
    Collection<HistogramPointData> points = metric.getHistogramData().getPoints();
    Optional<MetricDefinition> target = targets.resolve(metric.getName(), metric.getUnit(), MetricKind.HISTOGRAM);
    if (target.isEmpty()) {
      skippedPoints.add(points.size());
      return;
    }
    boolean cumulative = metric.getHistogramData().getAggregationTemporality() == AggregationTemporality.CUMULATIVE;
    for (HistogramPointData p : points) {
      double min = p.hasMin() ? p.getMin() : Double.NaN;
      double max = p.hasMax() ? p.getMax() : Double.NaN;
      CumulativeDeltas.Delta d = cumulative
          ? deltas.explicit(metric.getName(), p.getAttributes(), p.getStartEpochNanos(), p.getBoundaries(),
              p.getCounts(), p.getCount(), p.getSum(), min, max)
          : new CumulativeDeltas.Delta(p.getCount(), p.getSum(), min, max, 0, 0,
              p.getCounts().stream().mapToLong(Long::longValue).toArray(), 0);
      if (d == null) {
        skippedPoints.increment();
        continue;
      }
      if (d.count() == 0) {
        continue;
      }
      double[] bounds = p.getBoundaries().stream().mapToDouble(Double::doubleValue).toArray();
      record(target.get(), metric, p.getAttributes(), (def, factor) -> HistogramSketches.explicit(bounds, d.counts(),
          d.sum(), d.min(), d.max(), factor));
    }
  }

  private void exponentialHistogram(MetricData metric) {
    Collection<ExponentialHistogramPointData> points = metric.getExponentialHistogramData().getPoints();
    Optional<MetricDefinition> target = targets.resolve(metric.getName(), metric.getUnit(), MetricKind.HISTOGRAM);
    if (target.isEmpty()) {
      skippedPoints.add(points.size());
      return;
    }
    boolean cumulative =
        metric.getExponentialHistogramData().getAggregationTemporality() == AggregationTemporality.CUMULATIVE;
    for (ExponentialHistogramPointData p : points) {
      if (p.getNegativeBuckets().getTotalCount() > 0) {
        skippedPoints.increment();
        continue;
      }
      double min = p.hasMin() ? p.getMin() : Double.NaN;
      double max = p.hasMax() ? p.getMax() : Double.NaN;
      CumulativeDeltas.Delta d = cumulative
          ? deltas.exponential(metric.getName(), p.getAttributes(), p.getStartEpochNanos(), p.getScale(),
              p.getPositiveBuckets().getOffset(), p.getPositiveBuckets().getBucketCounts(), p.getZeroCount(),
              p.getCount(), p.getSum(), min, max)
          : new CumulativeDeltas.Delta(p.getCount(), p.getSum(), min, max, p.getScale(),
              p.getPositiveBuckets().getOffset(),
              p.getPositiveBuckets().getBucketCounts().stream().mapToLong(Long::longValue).toArray(), p.getZeroCount());
      if (d == null) {
        skippedPoints.increment();
        continue;
      }
      if (d.count() == 0) {
        continue;
      }
      record(target.get(), metric, p.getAttributes(), (def, factor) -> HistogramSketches.exponential(d.scale(),
          d.offset(), d.counts(), d.zeroCount(), d.sum(), d.min(), d.max(), factor));
    }
  }

  private interface SketchOf {
    LatencySketch build(MetricDefinition def, double factor);
  }

  private void record(MetricDefinition def, MetricData metric, Attributes attributes, SketchOf sketch) {
    double factor = Units.factor(Units.secondsPer(metric.getUnit()), def.unit());
    targets.telemetry().histogram(def.name()).recordSketch(sketch.build(def, factor), targets.labels(def, attributes));
    recordedPoints.increment();
  }

  private static double value(PointData point) {
    if (point instanceof LongPointData l) {
      return l.getValue();
    }
    return ((DoublePointData) point).getValue();
  }

  /** Points recorded into the native store so far. */
  public long recordedPoints() {
    return recordedPoints.sum();
  }

  /** Points not recorded: no matching contract metric, negative buckets, or past the stream limit. */
  public long skippedPoints() {
    return skippedPoints.sum();
  }

  /** Metrics whose conversion failed unexpectedly (contained, never thrown into the SDK). */
  public long failedMetrics() {
    return failedItems();
  }

  /** Settings for {@link TelemetryMetricExporter}. */
  public static final class Builder {
    private final Telemetry telemetry;
    private NameMapping mapping = NameMapping.defaults();
    private AggregationTemporalitySelector temporality = AggregationTemporalitySelector.deltaPreferred();
    private boolean exponentialHistograms = true;

    private Builder(Telemetry telemetry) {
      this.telemetry = telemetry;
    }

    /** Metric and attribute names. Default {@link NameMapping#defaults()}. */
    public Builder mapping(NameMapping mapping) {
      this.mapping = requireNonNull(mapping, "mapping");
      return this;
    }

    /** The temporality asked of the SDK. Default delta-preferred; cumulative works too. */
    public Builder temporality(AggregationTemporalitySelector temporality) {
      this.temporality = requireNonNull(temporality, "temporality");
      return this;
    }

    /** Whether histograms default to base-2 exponential aggregation (views still win). Default true. */
    public Builder exponentialHistograms(boolean exponential) {
      this.exponentialHistograms = exponential;
      return this;
    }

    public TelemetryMetricExporter build() {
      return new TelemetryMetricExporter(this);
    }
  }
}
