package dev.telemetry.benchmarks.record;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import dev.telemetry.BoundHistogram;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.time.Duration;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The record path against its peers, all sharing one instrument across the benchmark threads
 * (run with {@code -t 1} and {@code -t 2}): the shared-instrument case is where a single written
 * cache line makes the peers collapse (DESIGN.md §6).
 *
 * <p>Every candidate records the same precomputed lognormal latencies (median 50 ms), so the
 * cost of producing a value is the same array read for all. Peers are configured the way their
 * users configure them: Micrometer with a percentile histogram, OpenTelemetry with three
 * pre-built attributes, HdrHistogram's concurrent {@link Recorder}, DDSketch (not thread-safe)
 * behind a lock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RecordBenchmark {
  private static final int VALUES = 4096;
  private static final String[] ROUTES = {"/users/{id}", "/orders/{id}", "/cart", "/search"};

  final double[] seconds = new double[VALUES];
  final long[] nanos = new long[VALUES];

  Telemetry telemetry;
  Histogram labeled;
  BoundHistogram bound;

  SimpleMeterRegistry micrometer;
  Timer micrometerTimer;

  SdkMeterProvider otelExplicitProvider;
  SdkMeterProvider otelExponentialProvider;
  DoubleHistogram otelExplicit;
  DoubleHistogram otelExponential;
  Attributes[] otelAttributes;

  Recorder hdrRecorder;
  DDSketch ddSketch;
  final AtomicLongArray atomicArray = new AtomicLongArray(64);
  final LongAdder longAdder = new LongAdder();

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    for (int i = 0; i < VALUES; i++) {
      seconds[i] = Math.exp(Math.log(0.05) + 0.6 * random.nextGaussian());
      nanos[i] = (long) (seconds[i] * 1e9);
    }

    MetricContract contract = MetricContract.builder()
        .histogram("http_server_duration_seconds", m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY)
            .labels("route", "method", "status"))
        .build();
    telemetry = Telemetry.builder().service("bench").contract(contract).closeOnShutdown(false).build();
    labeled = telemetry.histogram("http_server_duration_seconds");
    bound = labeled.bind("route", "/users/{id}", "method", "GET", "status", "200");

    micrometer = new SimpleMeterRegistry();
    micrometerTimer = Timer.builder("http.server.requests").publishPercentileHistogram().register(micrometer);

    otelExplicitProvider = SdkMeterProvider.builder().registerMetricReader(reader()).build();
    otelExplicit = otelExplicitProvider.get("bench").histogramBuilder("http.server.duration").build();
    otelExponentialProvider = SdkMeterProvider.builder().registerMetricReader(reader())
        .registerView(InstrumentSelector.builder().setType(InstrumentType.HISTOGRAM).build(),
            View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
        .build();
    otelExponential = otelExponentialProvider.get("bench").histogramBuilder("http.server.duration").build();
    otelAttributes = new Attributes[ROUTES.length];
    for (int i = 0; i < ROUTES.length; i++) {
      otelAttributes[i] = Attributes.of(AttributeKey.stringKey("http.route"), ROUTES[i],
          AttributeKey.stringKey("http.request.method"), "GET",
          AttributeKey.stringKey("http.response.status_code"), "200");
    }

    hdrRecorder = new Recorder(3);
    ddSketch = DDSketches.unboundedDense(0.01);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    telemetry.close();
    otelExplicitProvider.close();
    otelExponentialProvider.close();
    micrometer.close();
  }

  private static PeriodicMetricReader reader() {
    MetricExporter discard = new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
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

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType type) {
        return AggregationTemporality.DELTA;
      }
    };
    return PeriodicMetricReader.builder(discard).setInterval(Duration.ofHours(1)).build();
  }

  /** Each benchmark thread walks the value array from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int i = (int) (Thread.currentThread().getId() * 977);

    int next() {
      return (i = (i + 1) & (VALUES - 1));
    }
  }

  @Benchmark
  public void telemetryBound(Cursor c) {
    bound.record(seconds[c.next()]);
  }

  /** Labels resolved on every call: three pairs, the route varying. */
  @Benchmark
  public void telemetryLabeled(Cursor c) {
    int i = c.next();
    labeled.record(seconds[i], "route", ROUTES[i & 3], "method", "GET", "status", "200");
  }

  @Benchmark
  public void micrometerTimerPercentileHistogram(Cursor c) {
    micrometerTimer.record(nanos[c.next()], TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void otelExplicitBuckets3Attributes(Cursor c) {
    int i = c.next();
    otelExplicit.record(seconds[i], otelAttributes[i & 3]);
  }

  @Benchmark
  public void otelExponential3Attributes(Cursor c) {
    int i = c.next();
    otelExponential.record(seconds[i], otelAttributes[i & 3]);
  }

  @Benchmark
  public void hdrHistogramRecorder(Cursor c) {
    hdrRecorder.recordValue(nanos[c.next()]);
  }

  @Benchmark
  public void ddSketchSynchronized(Cursor c) {
    double v = seconds[c.next()];
    synchronized (ddSketch) {
      ddSketch.accept(v);
    }
  }

  @Benchmark
  public void atomicLongArrayIncrement(Cursor c) {
    atomicArray.incrementAndGet(c.next() & 63);
  }

  @Benchmark
  public void longAdderIncrement() {
    longAdder.increment();
  }
}
