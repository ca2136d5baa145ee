package dev.telemetry.datasource;

import dev.telemetry.Histogram;
import dev.telemetry.contract.StandardMetrics;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Records one executed statement into {@code db_query_duration_seconds}; never throws. */
final class StatementTimer {
  private final Histogram latency;
  private final double perNanosecond;
  private final LongSupplier nanoTime;
  private final LongAdder failedRecords = new LongAdder();

  StatementTimer(Histogram latency, double perNanosecond, LongSupplier nanoTime) {
    this.latency = latency;
    this.perNanosecond = perNanosecond;
    this.nanoTime = nanoTime;
  }

  /** The start of a statement, or {@link Long#MIN_VALUE} when the time source failed. */
  long start() {
    try {
      return nanoTime.getAsLong();
    } catch (RuntimeException e) {
      failedRecords.increment();
      return Long.MIN_VALUE;
    }
  }

  /** A statement of {@code operation} that started at {@code start} ended now, with {@code failure} or null. */
  void stop(String operation, Throwable failure, long start) {
    try {
      if (start == Long.MIN_VALUE) {
        return;
      }
      long elapsed = Math.max(0, nanoTime.getAsLong() - start);
      latency.record(elapsed * perNanosecond, StandardMetrics.OPERATION, operation, StandardMetrics.SQLSTATE_CLASS,
          failure == null ? SqlStateClass.SUCCESS : SqlStateClass.of(failure));
    } catch (RuntimeException e) {
      failedRecords.increment();
    }
  }

  long failedRecords() {
    return failedRecords.sum();
  }
}
