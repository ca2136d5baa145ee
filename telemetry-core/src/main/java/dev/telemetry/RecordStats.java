package dev.telemetry;

import java.util.concurrent.atomic.LongAdder;

/**
 * Not API. Counters of what the record path refused. {@link LongAdder}s because they are bumped from host
 * threads: striped, allocation-free once warm, and cheap when they are never touched.
 */
final class RecordStats {
  public final LongAdder rejectedValues = new LongAdder();
  final LongAdder droppedLabels = new LongAdder();
  final LongAdder overflowedRecords = new LongAdder();
  final LongAdder callbackErrors = new LongAdder();
  final LongAdder scrubbedLabelValues = new LongAdder();
  public final LongAdder internalErrors = new LongAdder();

  /** NaN, infinite or negative values refused. */
  public long rejectedValues() {
    return rejectedValues.sum();
  }

  /** Label keys outside the metric's allowlist (or with a null value) that were dropped. */
  public long droppedLabels() {
    return droppedLabels.sum();
  }

  /** Records folded into a metric's overflow series because its cardinality budget was spent. */
  public long overflowedRecords() {
    return overflowedRecords.sum();
  }

  /** Gauge callbacks that threw or returned an invalid value at flush. */
  public long callbackErrors() {
    return callbackErrors.sum();
  }

  /** Label values that held something the scrubber redacted. */
  public long scrubbedLabelValues() {
    return scrubbedLabelValues.sum();
  }

  /** Unexpected errors inside the record path that were contained (should stay 0). */
  public long internalErrors() {
    return internalErrors.sum();
  }

  /** Whether an instrument may record {@code value}: finite and non-negative (NaN fails both tests). */
  public static boolean recordable(double value) {
    return value >= 0 && value != Double.POSITIVE_INFINITY;
  }

  /** Counts a rejected value (used by instruments). */
  public void rejectValue() {
    rejectedValues.increment();
  }
}
