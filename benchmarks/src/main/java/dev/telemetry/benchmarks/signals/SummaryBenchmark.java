package dev.telemetry.benchmarks.signals;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.signals.Summary;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SummaryService#refresh()} (what runs every 5 s off the request path) and {@link
 * SummaryService#current()} (what {@code /summary} does) on an {@link InMemoryStore} holding an
 * hour of minute data for the standard metrics × 50 routes on 2 nodes: 6,000 latency histograms
 * with sketches, 6,000 request and 6,000 error counter samples, pool and memory gauges, and 500
 * ERROR logs. DESIGN §6 target: {@code /summary} p95 ≤ 5 ms.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SummaryBenchmark {
  static final int ROUTES = 50;
  static final int NODES = 2;
  static final Instant NOW = Instant.parse("2026-11-23T10:30:30Z");

  private SummaryService service;

  @Setup
  public void setUp() {
    MetricContract contract =
        StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
    InMemoryStore store = InMemoryStore.builder().maxSamples(1_000_000).build();
    SplittableRandom random = new SplittableRandom(7);
    Instant firstMinute = Resolution.MINUTE.bucketStart(NOW).minus(Duration.ofMinutes(60));
    int batch = 0;
    for (int m = 0; m <= 60; m++) {
      Instant minute = firstMinute.plus(Duration.ofMinutes(m));
      for (int n = 0; n < NODES; n++) {
        String node = "node-" + n;
        List<MetricSample> samples = new ArrayList<>();
        for (int r = 0; r < ROUTES; r++) {
          Map<String, String> labels = Map.of("route", "/api/r" + r, "method", "GET", "status", "200");
          LatencySketch sketch = new LatencySketch();
          for (int i = 0; i < 50; i++) {
            sketch.record(Math.exp(Math.log(0.05) + 0.6 * random.nextGaussian()));
          }
          samples.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_DURATION, node, labels,
              MetricKind.HISTOGRAM, sketch.count(), sketch.sum(), sketch.min(), sketch.max(), Double.NaN, sketch));
          samples.add(counter(minute, StandardMetrics.HTTP_SERVER_REQUESTS, node, labels, 50));
          samples.add(counter(minute, StandardMetrics.HTTP_SERVER_ERRORS, node,
              Map.of("route", "/api/r" + r, "method", "GET", "error_type", "500"), random.nextInt(3)));
        }
        samples.add(gauge(minute, StandardMetrics.DB_POOL_UTILIZATION, node, Map.of("pool", "main"), random.nextDouble()));
        samples.add(gauge(minute, StandardMetrics.PROCESS_MEMORY_UTILIZATION, node, Map.of(), random.nextDouble()));
        List<dev.telemetry.store.LogEvent> logs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          logs.add(new dev.telemetry.store.LogEvent(minute.plusSeconds(i * 10), dev.telemetry.store.LogLevel.ERROR,
              "shop", node, "orders", "charge_failed", "card declined", null, null, Map.of()));
        }
        store.write(new WriteBatch("b" + batch++, node, samples, logs, List.of(), List.of(), List.of()));
      }
    }
    service = SummaryService.builder(store, contract, Clock.fixed(NOW, ZoneOffset.UTC), NOW.minus(Duration.ofHours(3)))
        .service("shop").environment("bench").node("node-0").build();
    Summary s = service.refresh();
    if (!s.errors().isEmpty() || s.vitalSign("latency").value() == null) {
      throw new IllegalStateException("benchmark data not read: " + s.errors());
    }
  }

  private static MetricSample counter(Instant minute, String metric, String node, Map<String, String> labels, double v) {
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.COUNTER, 1, v, Double.NaN,
        Double.NaN, Double.NaN, null);
  }

  private static MetricSample gauge(Instant minute, String metric, String node, Map<String, String> labels, double v) {
    LatencySketch sketch = new LatencySketch();
    sketch.record(v);
    return new MetricSample(minute, Resolution.MINUTE, metric, node, labels, MetricKind.GAUGE, 1, v, v, v, v, sketch);
  }

  @Benchmark
  public Summary refresh() {
    return service.refresh();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Summary current() {
    return service.current();
  }
}
