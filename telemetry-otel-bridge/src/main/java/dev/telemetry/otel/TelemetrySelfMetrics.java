package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.SelfMetrics;
import dev.telemetry.Telemetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A Micrometer {@link MeterBinder} publishing the library's own {@link SelfMetrics} (drops,
 * refusals, overflow, flush and write activity) into any registry, under {@code telemetry.*}:
 * cumulative counts as function counters, queue depth, pending bytes and flush durations as
 * gauges.
 *
 * <pre>{@code
 * new TelemetrySelfMetrics(telemetry).bindTo(prometheusRegistry);
 * new TelemetrySelfMetrics(telemetry, telemetryMeterRegistry).bindTo(prometheusRegistry); // + the bridge's drops
 * }</pre>
 *
 * <p>Each meter reads {@link Telemetry#selfMetrics()} when the registry polls it, on the
 * registry's thread; the read takes no lock the record path uses.
 */
public final class TelemetrySelfMetrics implements MeterBinder {
  private record Reading(String name, String description, ToDoubleFunction<SelfMetrics> value) {}

  private static final List<Reading> COUNTERS = List.of(
      new Reading("telemetry.values.rejected", "NaN, infinite or negative values refused", SelfMetrics::rejectedValues),
      new Reading("telemetry.labels.dropped", "Label keys outside an allowlist dropped", SelfMetrics::droppedLabels),
      new Reading("telemetry.records.overflowed", "Records folded into an overflow series", SelfMetrics::overflowedRecords),
      new Reading("telemetry.labels.scrubbed", "Label values the scrubber redacted", SelfMetrics::scrubbedLabelValues),
      new Reading("telemetry.records.contended", "Records dropped under contention (always 0)", SelfMetrics::contendedDrops),
      new Reading("telemetry.callbacks.failed", "Gauge callbacks that failed", SelfMetrics::callbackErrors),
      new Reading("telemetry.errors.internal", "Unexpected errors contained on the record path", SelfMetrics::internalErrors),
      new Reading("telemetry.logs.ignored", "Log events below WARN not kept", SelfMetrics::ignoredLogs),
      new Reading("telemetry.records.dropped", "Logs, spans, events or heartbeats dropped", SelfMetrics::droppedDiscrete),
      new Reading("telemetry.batches.dropped", "Batches dropped", SelfMetrics::droppedBatches),
      new Reading("telemetry.rows.dropped", "Rows in dropped batches", SelfMetrics::droppedRows),
      new Reading("telemetry.batches.written", "Batches the store accepted", SelfMetrics::writtenBatches),
      new Reading("telemetry.rows.written", "Rows the store accepted", SelfMetrics::writtenRows),
      new Reading("telemetry.writes.failed", "Failed store write attempts", SelfMetrics::writeFailures),
      new Reading("telemetry.flushes", "Metric snapshots taken", SelfMetrics::flushes),
      new Reading("telemetry.flusher.errors", "Unexpected errors contained in the flusher", SelfMetrics::flusherErrors));

  private static final List<Reading> GAUGES = List.of(
      new Reading("telemetry.queue.depth", "Batches waiting for the store", SelfMetrics::queueDepth),
      new Reading("telemetry.pending.bytes", "Memory held by waiting batches", SelfMetrics::pendingBytes),
      new Reading("telemetry.flush.last.seconds", "Duration of the last snapshot", s -> s.lastFlushNanos() / 1e9),
      new Reading("telemetry.flush.max.seconds", "Longest snapshot", s -> s.maxFlushNanos() / 1e9),
      new Reading("telemetry.write.last.seconds", "Duration of the last store write", s -> s.lastWriteNanos() / 1e9));

  private final Telemetry telemetry;
  private final TelemetryMeterRegistry bridge;

  public TelemetrySelfMetrics(Telemetry telemetry) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.bridge = null;
  }

  /**
   * Also publishes what the Micrometer bridge {@code bridge} folded or refused to stay bounded:
   * {@code telemetry.micrometer.meters.overflowed}, {@code telemetry.micrometer.meters.denied} and
   * the gauge {@code telemetry.micrometer.meters.unmapped}.
   */
  public TelemetrySelfMetrics(Telemetry telemetry, TelemetryMeterRegistry bridge) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.bridge = requireNonNull(bridge, "bridge");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    String service = telemetry.service();
    for (Reading r : COUNTERS) {
      FunctionCounter.builder(r.name(), telemetry, t -> r.value().applyAsDouble(t.selfMetrics()))
          .description(r.description()).tag("service", service).register(registry);
    }
    for (Reading r : GAUGES) {
      Gauge.builder(r.name(), telemetry, t -> r.value().applyAsDouble(t.selfMetrics()))
          .description(r.description()).tag("service", service).register(registry);
    }
    if (bridge != null) {
      FunctionCounter.builder("telemetry.micrometer.meters.overflowed", bridge, TelemetryMeterRegistry::overflowedMeters)
          .description("Micrometer registrations folded into an overflow meter (name at its cap)")
          .tag("service", service).register(registry);
      FunctionCounter.builder("telemetry.micrometer.meters.denied", bridge, TelemetryMeterRegistry::deniedMeters)
          .description("Micrometer meters refused (budget of meters not stored natively spent)")
          .tag("service", service).register(registry);
      Gauge.builder("telemetry.micrometer.meters.unmapped", bridge, TelemetryMeterRegistry::unmappedMeters)
          .description("Micrometer meters not stored natively").tag("service", service).register(registry);
    }
  }
}
