package dev.telemetry.otel;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A contract with the standard metrics plus a few host metrics, and store reads. */
final class BridgeFixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:30Z");
  static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
  static final String JOBS = "jobs_processed_total";
  static final String QUEUE = "queue_depth_items";
  static final String JOB_DURATION = "jobs_duration_seconds";
  static final String PAYLOAD = "payload_size_bytes";

  private BridgeFixtures() {}

  static MetricContract contract() {
    MetricContract.Builder b = StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder()));
    ExportPipelineMonitor.addMetrics(b);
    HikariPoolSaturation.addMetrics(b);
    return b
        .counter(JOBS, m -> m.labels("queue"))
        .gauge(QUEUE, m -> m.unit(MetricUnit.ITEMS).labels("queue"))
        .histogram(JOB_DURATION, m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY).labels("queue"))
        .histogram(PAYLOAD, m -> m.unit(MetricUnit.BYTES).labels("queue"))
        .build();
  }

  /** A manual-flush instance on a fixed clock. */
  static Telemetry telemetry(TelemetryStore store) {
    return Telemetry.builder().service("shop").node("node-a").contract(contract()).store(store)
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).backgroundThreads(false).closeOnShutdown(false).build();
  }

  static InMemoryStore store() {
    return InMemoryStore.create();
  }

  static List<MetricSample> samples(TelemetryStore store, String metric) {
    return store.readSamples(SampleQuery.of(metric, Resolution.MINUTE, Instant.EPOCH, FAR));
  }

  static MetricSample sample(TelemetryStore store, String metric, Map<String, String> labels) {
    return samples(store, metric).stream().filter(s -> s.labels().equals(labels)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample of " + metric + " with " + labels + " in "
            + samples(store, metric)));
  }

  static double total(TelemetryStore store, String metric) {
    return samples(store, metric).stream().mapToDouble(MetricSample::sum).sum();
  }

  static List<TraceRecord> traces(TelemetryStore store) {
    return store.readTraces(TraceQuery.range(Instant.EPOCH, FAR, 100)).items();
  }

  static List<LogEvent> logs(TelemetryStore store) {
    return store.readLogs(LogQuery.range(Instant.EPOCH, FAR, 100)).items();
  }
}
