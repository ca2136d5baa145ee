package dev.telemetry.benchmarks.otel;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.otel.TelemetryMetricExporter;
import dev.telemetry.otel.TelemetrySpanExporter;
import dev.telemetry.store.InMemoryStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of the native exporters: server spans per second through {@link TelemetrySpanExporter}
 * (trace index + HTTP latency/traffic/errors) and data points per second through {@link
 * TelemetryMetricExporter} (delta counters and exponential histograms). The inputs are real SDK
 * data, captured once at setup. Each invocation exports one batch and then flushes the Telemetry
 * instance (no background threads) into an in-memory store, so the score includes sanitizing,
 * snapshotting and the store write, and no buffer ever fills (drops would flatter the numbers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtelExporterBenchmark {
  static final int SPANS = 1000;
  static final int SERIES = 100;

  private Telemetry telemetry;
  private TelemetrySpanExporter spanExporter;
  private TelemetryMetricExporter metricExporter;
  private List<SpanData> spans;
  private Collection<MetricData> metrics;
  private int points;

  @Setup
  public void setUp() {
    MetricContract contract = StandardMetrics.addHttpServer(MetricContract.builder())
        .counter("jobs_processed_total", m -> m.labels("queue").cardinalityBudget(SERIES))
        .histogram("jobs_duration_seconds", m -> m.unit(MetricUnit.SECONDS).labels("queue").cardinalityBudget(SERIES))
        .build();
    telemetry = Telemetry.builder().service("bench").contract(contract).store(InMemoryStore.create())
        .backgroundThreads(false).closeOnShutdown(false).bufferCapacity(1_000_000).build();
    spanExporter = TelemetrySpanExporter.create(telemetry);
    metricExporter = TelemetryMetricExporter.create(telemetry);
    spans = captureSpans();
    metrics = captureMetrics();
    points = metrics.stream().mapToInt(m -> m.getData().getPoints().size()).sum();
    if (points != 2 * SERIES) {
      throw new IllegalStateException("expected " + 2 * SERIES + " points, captured " + points);
    }
  }

  @TearDown
  public void close() {
    telemetry.close();
  }

  /** Server spans per second (the score is per span). */
  @Benchmark
  @OperationsPerInvocation(SPANS)
  public CompletableResultCode spans() {
    CompletableResultCode result = spanExporter.export(spans);
    telemetry.flush();
    return result;
  }

  /** Data points per second (the score is per point: 100 counter + 100 exponential histogram points). */
  @Benchmark
  @OperationsPerInvocation(2 * SERIES)
  public CompletableResultCode dataPoints() {
    CompletableResultCode result = metricExporter.export(metrics);
    telemetry.flush();
    return result;
  }

  private static List<SpanData> captureSpans() {
    List<SpanData> captured = new ArrayList<>();
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(
        new Capture<>(captured))).build();
    String[] routes = {"/users/{id}", "/cart", "/orders/{id}", "/search", "/health"};
    for (int i = 0; i < SPANS; i++) {
      Span span = tracing.get("bench").spanBuilder("GET").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.route", routes[i % routes.length]).setAttribute("http.request.method", "GET")
          .setAttribute(AttributeKey.longKey("http.response.status_code"), i % 50 == 0 ? 503L : 200L).startSpan();
      span.end();
    }
    tracing.close();
    return captured;
  }

  private static Collection<MetricData> captureMetrics() {
    List<MetricData> captured = new ArrayList<>();
    MetricExporter capture = new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> batch) {
        captured.addAll(batch);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(
          io.opentelemetry.sdk.metrics.InstrumentType type) {
        return AggregationTemporalitySelector.deltaPreferred().getAggregationTemporality(type);
      }

      @Override
      public io.opentelemetry.sdk.metrics.Aggregation getDefaultAggregation(
          io.opentelemetry.sdk.metrics.InstrumentType type) {
        return type == io.opentelemetry.sdk.metrics.InstrumentType.HISTOGRAM
            ? io.opentelemetry.sdk.metrics.Aggregation.base2ExponentialBucketHistogram()
            : io.opentelemetry.sdk.metrics.Aggregation.defaultAggregation();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    SdkMeterProvider metering = SdkMeterProvider.builder()
        .registerMetricReader(PeriodicMetricReader.builder(capture).setInterval(Duration.ofDays(1)).build()).build();
    LongCounter jobs = metering.get("bench").counterBuilder("jobs.processed").build();
    DoubleHistogram duration = metering.get("bench").histogramBuilder("jobs.duration").setUnit("s").build();
    for (int s = 0; s < SERIES; s++) {
      Attributes queue = Attributes.of(AttributeKey.stringKey("queue"), "q" + s);
      for (int i = 1; i <= 50; i++) {
        jobs.add(1, queue);
        duration.record(0.001 * i * (s + 1), queue);
      }
    }
    metering.forceFlush().join(10, TimeUnit.SECONDS);
    // The two instruments' points of that one collection; newer SDKs may add metrics of their own.
    List<MetricData> ours = captured.stream()
        .filter(m -> m.getName().equals("jobs.processed") || m.getName().equals("jobs.duration")).toList();
    metering.close();
    return ours;
  }

  /** Keeps what the SDK exports. */
  private static final class Capture<T extends SpanData> implements SpanExporter {
    private final List<SpanData> into;

    Capture(List<SpanData> into) {
      this.into = into;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      into.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
