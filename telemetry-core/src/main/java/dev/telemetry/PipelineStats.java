package dev.telemetry;

import dev.telemetry.store.WriteBatch;
import java.util.concurrent.atomic.AtomicLong;

/** Not API. Counters and gauges of the pipeline, written by its two threads. */
final class PipelineStats {
  final AtomicLong flushes = new AtomicLong();
  final AtomicLong lastFlushNanos = new AtomicLong();
  final AtomicLong maxFlushNanos = new AtomicLong();
  final AtomicLong writtenBatches = new AtomicLong();
  final AtomicLong writtenRows = new AtomicLong();
  final AtomicLong lastWriteNanos = new AtomicLong();
  final AtomicLong writeFailures = new AtomicLong();
  final AtomicLong droppedBatches = new AtomicLong();
  final AtomicLong droppedRows = new AtomicLong();
  final AtomicLong droppedSamples = new AtomicLong();
  final AtomicLong flusherErrors = new AtomicLong();

  void dropped(WriteBatch batch) {
    droppedBatches.incrementAndGet();
    droppedRows.addAndGet(batch.size());
    droppedSamples.addAndGet(batch.samples().size());
  }

  void flushed(long nanos) {
    flushes.incrementAndGet();
    lastFlushNanos.set(nanos);
    maxFlushNanos.accumulateAndGet(nanos, Math::max);
  }

  public long flushes() {
    return flushes.get();
  }

  public long lastFlushNanos() {
    return lastFlushNanos.get();
  }

  public long maxFlushNanos() {
    return maxFlushNanos.get();
  }

  public long writtenBatches() {
    return writtenBatches.get();
  }

  public long writtenRows() {
    return writtenRows.get();
  }

  public long lastWriteNanos() {
    return lastWriteNanos.get();
  }

  public long writeFailures() {
    return writeFailures.get();
  }

  public long droppedBatches() {
    return droppedBatches.get();
  }

  public long droppedRows() {
    return droppedRows.get();
  }

  public long droppedSamples() {
    return droppedSamples.get();
  }

  public long flusherErrors() {
    return flusherErrors.get();
  }
}
