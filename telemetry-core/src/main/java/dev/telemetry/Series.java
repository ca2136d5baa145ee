package dev.telemetry;

import dev.telemetry.internal.guard.Failures;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.CounterCells.CounterTotals;
import dev.telemetry.sketch.LatencySketch;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Not API. One label set of one metric: its canonical labels and the cells values go into (one
 * cell, striped only under contention: see {@link AdaptiveStripes}).
 * Created once on the slow path, then found by {@link SeriesTable} without allocation.
 */
final class Series extends SeriesTrailingPadding {
  private final Map<String, String> labels;
  private final MetricKind kind;
  private final SketchCells sketch;
  private final CounterCells counter;
  private volatile double last = Double.NaN;
  private volatile DoubleSupplier callback;

  Series(int hash, String[] values, int labelCount, Map<String, String> labels, MetricKind kind, int maxStripes) {
    this(hash, values, labelCount, labels, kind, kind == MetricKind.COUNTER ? null : new SketchCells(maxStripes),
        kind == MetricKind.COUNTER ? new CounterCells(maxStripes) : null);
  }

  private Series(int hash, String[] values, int labelCount, Map<String, String> labels, MetricKind kind,
      SketchCells sketch, CounterCells counter) {
    super(hash, values, labelCount, sketch != null ? sketch.stripes() : counter.stripes());
    this.labels = labels;
    this.kind = kind;
    this.sketch = sketch;
    this.counter = counter;
  }

  /** The canonical label set, sorted and immutable. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Records into a histogram or gauge; the value is already validated. Never drops it. */
  public void recordValue(double value) {
    cells.put(value);
  }

  /** Merges a whole validated distribution into a histogram. */
  public void mergeSketch(LatencySketch other) {
    sketch.merge(other);
  }

  /** Adds to a counter; the amount is already validated. Never drops it. */
  public void addAmount(double amount) {
    cells.put(amount);
  }

  /** Sets a gauge: records the value and remembers it as the last one. */
  public void setGauge(double value) {
    last = value;
    cells.put(value);
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

/**
 * What the record path reads on every call (the label set it compares, the cells it records
 * into), between 64 bytes of padding on each side. A series is created by whichever thread
 * records its label set first, in that thread's allocation buffer, next to objects the thread
 * writes on every record; without the padding, other writers' reads of these fields would share
 * those cache lines, and whether they did depended on allocation order: one JVM fast, the next
 * slow (ADR 0050).
 */
abstract class SeriesFields extends LeadingPadding {
  /** Unused slots before and after the label values, for the same reason as the padding here. */
  static final int VALUE_PADDING = 16;
  final int hash;
  final int labelCount;
  /**
   * Canonical label values by the contract's label index ({@code null} where absent), starting at
   * {@link #VALUE_PADDING}: read on every lookup, so kept off other objects' lines too.
   */
  private final String[] paddedValues;
  final AdaptiveStripes<?> cells;

  SeriesFields(int hash, String[] values, int labelCount, AdaptiveStripes<?> cells) {
    this.hash = hash;
    this.labelCount = labelCount;
    this.paddedValues = new String[values.length + 2 * VALUE_PADDING];
    System.arraycopy(values, 0, paddedValues, VALUE_PADDING, values.length);
    this.cells = cells;
  }

  /** The canonical value of the label at {@code index} in the contract, or {@code null}. */
  final String value(int index) {
    return paddedValues[VALUE_PADDING + index];
  }

  /** Whether this series holds exactly {@code values}, by label index. */
  final boolean hasValues(String[] values) {
    return paddedValues.length == values.length + 2 * VALUE_PADDING
        && Arrays.equals(paddedValues, VALUE_PADDING, VALUE_PADDING + values.length, values, 0, values.length);
  }
}

/** 64 bytes after the fields every record reads; see {@link SeriesFields}. */
@SuppressWarnings("unused")
abstract class SeriesTrailingPadding extends SeriesFields {
  long q01, q02, q03, q04, q05, q06, q07, q08;

  SeriesTrailingPadding(int hash, String[] values, int labelCount, AdaptiveStripes<?> cells) {
    super(hash, values, labelCount, cells);
  }
}
