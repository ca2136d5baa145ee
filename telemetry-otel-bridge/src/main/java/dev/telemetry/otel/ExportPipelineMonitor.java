package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.MetricUnit;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Watches the host's own exporters (OTLP to a collector, say): wraps each so that every export
 * is counted — items sent, items whose export failed (dropped: the SDK's processors do not
 * retry a failed batch) — and the counts feed the OTel-pipeline row of the health matrix.
 *
 * <pre>{@code
 * MetricContract contract = ExportPipelineMonitor.addMetrics(MetricContract.builder()).build();
 * ExportPipelineMonitor monitor = ExportPipelineMonitor.create(telemetry);
 * SpanExporter otlp = monitor.wrap(OtlpGrpcSpanExporter.builder().build());
 * }</pre>
 *
 * <p>What is recorded, when the contract declares it ({@link #addMetrics}): {@value #ITEMS}
 * (items offered, by {@code signal}), {@value #FAILURES} (items in failed exports, the seed's
 * {@code otel_export_failures_total}) and {@value #FAILURE_RATIO}, the failed share of the items
 * exported since the previous flush (a gauge sampled at each flush; the DESIGN §5 thresholds
 * 1%/5% apply). {@link #stats()} gives the cumulative counts to a health probe directly.
 *
 * <p>A delegate that throws is contained: the export answers a failure result and its items are
 * counted as failed. The wrappers never throw into the SDK.
 */
public final class ExportPipelineMonitor {
  /** Items handed to the host's exporters, by {@code signal} (spans, logs, metrics). */
  public static final String ITEMS = "otel_export_items_total";
  /** Items in exports that failed (dropped), by {@code signal}. */
  public static final String FAILURES = "otel_export_failures_total";
  /** Failed share of the items exported during the last flush interval. */
  public static final String FAILURE_RATIO = "otel_export_failure_ratio";
  /** The label naming the signal. */
  public static final String SIGNAL = "signal";

  private final Telemetry telemetry;
  private final ExportTally spans = new ExportTally();
  private final ExportTally logs = new ExportTally();
  private final ExportTally metrics = new ExportTally();
  private final ExportTally all = new ExportTally();
  private final ExportTally.Window window = all.window();

  private ExportPipelineMonitor(Telemetry telemetry) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    telemetry.contract().find(FAILURE_RATIO).filter(d -> d.kind() == MetricKind.GAUGE)
        .ifPresent(d -> telemetry.gauge(FAILURE_RATIO).register(window::failureRatioSinceLastCall));
  }

  /** A monitor recording into {@code telemetry}. */
  public static ExportPipelineMonitor create(Telemetry telemetry) {
    return new ExportPipelineMonitor(telemetry);
  }

  /** Declares the monitor's three metrics. */
  public static MetricContract.Builder addMetrics(MetricContract.Builder contract) {
    return contract
        .counter(ITEMS, m -> m.signal(GoldenSignal.TRAFFIC).labels(SIGNAL).description("Items offered to the OTel exporters"))
        .counter(FAILURES, m -> m.signal(GoldenSignal.ERRORS).labels(SIGNAL)
            .description("Items in OTel exports that failed (dropped)"))
        .gauge(FAILURE_RATIO, m -> m.unit(MetricUnit.RATIO).description("Failed share of OTel export items"));
  }

  /** Cumulative counts over every signal. */
  public ExportStats stats() {
    return all.stats();
  }

  /** Cumulative counts of one signal. */
  public ExportStats stats(Signal signal) {
    return switch (signal) {
      case SPANS -> spans.stats();
      case LOGS -> logs.stats();
      case METRICS -> metrics.stats();
    };
  }

  /** The three signals an exporter carries. */
  public enum Signal {
    SPANS, LOGS, METRICS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Counts the exports of {@code delegate}. */
  public SpanExporter wrap(SpanExporter delegate) {
    requireNonNull(delegate, "delegate");
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> items) {
        return watch(Signal.SPANS, spans, items.size(), () -> delegate.export(items));
      }

      @Override
      public CompletableResultCode flush() {
        return contained(delegate::flush);
      }

      @Override
      public CompletableResultCode shutdown() {
        return contained(delegate::shutdown);
      }
    };
  }

  /** Counts the exports of {@code delegate}. */
  public LogRecordExporter wrap(LogRecordExporter delegate) {
    requireNonNull(delegate, "delegate");
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> items) {
        return watch(Signal.LOGS, logs, items.size(), () -> delegate.export(items));
      }

      @Override
      public CompletableResultCode flush() {
        return contained(delegate::flush);
      }

      @Override
      public CompletableResultCode shutdown() {
        return contained(delegate::shutdown);
      }
    };
  }

  /** Counts the exports of {@code delegate} (items are data points); temporality and aggregation are the delegate's. */
  public MetricExporter wrap(MetricExporter delegate) {
    requireNonNull(delegate, "delegate");
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> items) {
        long points = 0;
        for (MetricData m : items) {
          points += m.getData().getPoints().size();
        }
        return watch(Signal.METRICS, metrics, points, () -> delegate.export(items));
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType type) {
        return delegate.getAggregationTemporality(type);
      }

      @Override
      public Aggregation getDefaultAggregation(InstrumentType type) {
        return delegate.getDefaultAggregation(type);
      }

      @Override
      public CompletableResultCode flush() {
        return contained(delegate::flush);
      }

      @Override
      public CompletableResultCode shutdown() {
        return contained(delegate::shutdown);
      }
    };
  }

  private CompletableResultCode watch(Signal signal, ExportTally tally, long items,
      Supplier<CompletableResultCode> export) {
    offered(signal, items);
    CompletableResultCode result;
    try {
      result = export.get();
    } catch (RuntimeException e) {
      result = null;
    }
    if (result == null) {
      finished(signal, tally, items, false);
      return CompletableResultCode.ofFailure();
    }
    CompletableResultCode watched = result;
    watched.whenComplete(() -> finished(signal, tally, items, watched.isSuccess()));
    return watched;
  }

  private void offered(Signal signal, long items) {
    if (telemetry.contract().find(ITEMS).isPresent()) {
      telemetry.counter(ITEMS).add(items, SIGNAL, signal.label());
    }
  }

  private void finished(Signal signal, ExportTally tally, long items, boolean success) {
    tally.add(items, success);
    all.add(items, success);
    if (!success && telemetry.contract().find(FAILURES).isPresent()) {
      telemetry.counter(FAILURES).add(items, SIGNAL, signal.label());
    }
  }

  private static CompletableResultCode contained(Supplier<CompletableResultCode> call) {
    try {
      CompletableResultCode result = call.get();
      return result == null ? CompletableResultCode.ofFailure() : result;
    } catch (RuntimeException e) {
      return CompletableResultCode.ofFailure();
    }
  }
}
