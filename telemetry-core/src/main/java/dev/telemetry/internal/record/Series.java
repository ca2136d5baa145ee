package dev.telemetry.internal.record;

import dev.telemetry.internal.guard.Failures;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.internal.record.CounterCells.CounterTotals;
import dev.telemetry.sketch.LatencySketch;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Not API. One label set of one metric: its canonical labels and the cells values go into (one
 * cell, striped only under contention: see {@link AdaptiveStripes}).
 * Created once on the slow path, then found by {@link SeriesTable} without allocation.
 */
public final class Series {
  final int hash;
  /** Canonical label values by the contract's label index; {@code null} where absent. */
  final String[] values;
  final int labelCount;
  private final Map<String, String> labels;
  private final MetricKind kind;
  private final SketchCells sketch;
  private final CounterCells counter;
  private volatile double last = Double.NaN;
  private volatile DoubleSupplier callback;

  Series(int hash, String[] values, int labelCount, Map<String, String> labels, MetricKind kind, int maxStripes) {
    this.hash = hash;
    this.values = values;
    this.labelCount = labelCount;
    this.labels = labels;
    this.kind = kind;
    this.sketch = kind == MetricKind.COUNTER ? null : new SketchCells(maxStripes);
    this.counter = kind == MetricKind.COUNTER ? new CounterCells(maxStripes) : null;
  }

  /** The canonical label set, sorted and immutable. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Records into a histogram or gauge; the value is already validated. Never drops it. */
  public void recordValue(double value) {
    sketch.record(value);
  }

  /** Merges a whole validated distribution into a histogram. */
  public void mergeSketch(LatencySketch other) {
    sketch.merge(other);
  }

  /** Adds to a counter; the amount is already validated. Never drops it. */
  public void addAmount(double amount) {
    counter.add(amount);
  }

  /** Sets a gauge: records the value and remembers it as the last one. */
  public void setGauge(double value) {
    last = value;
    sketch.record(value);
  }

  public void registerCallback(DoubleSupplier supplier) {
    callback = supplier;
  }

  /**
   * Collects what was recorded since the previous drain (flusher thread only), sampling a gauge
   * callback first. Returns {@code null} when nothing was recorded.
   */
  public Drained drain(RecordStats stats) {
    if (kind == MetricKind.COUNTER) {
      CounterTotals totals = new CounterTotals();
      counter.drainInto(totals);
      return totals.count == 0 ? null : new Drained(totals.count, totals.sum, Double.NaN, Double.NaN, Double.NaN, null);
    }
    sampleCallback(stats);
    LatencySketch s = new LatencySketch();
    sketch.drainInto(s);
    if (s.isEmpty()) {
      return null;
    }
    double lastValue = kind == MetricKind.GAUGE ? last : Double.NaN;
    return new Drained(s.count(), s.sum(), s.min(), s.max(), lastValue, s);
  }

  private void sampleCallback(RecordStats stats) {
    DoubleSupplier supplier = callback;
    if (supplier == null) {
      return;
    }
    double value;
    try {
      value = supplier.getAsDouble();
    } catch (RuntimeException | Error e) {
      Failures.rethrowIfFatal(e);
      stats.callbackErrors.increment();
      return;
    }
    if (!RecordStats.recordable(value)) {
      stats.callbackErrors.increment();
      return;
    }
    setGauge(value);
  }

  /**
   * What one drain of a series collected.
   *
   * @param count values (or increments)
   * @param sum their sum (the counter delta)
   * @param min smallest value, NaN for counters
   * @param max largest value, NaN for counters
   * @param last last gauge value, NaN otherwise
   * @param sketch distribution, {@code null} for counters
   */
  public record Drained(long count, double sum, double min, double max, double last, LatencySketch sketch) {}
}
