package dev.telemetry.otel;

import java.util.concurrent.atomic.LongAdder;

/** Export counters of one signal; completions arrive on exporter threads, reads on any thread. */
final class ExportTally {
  private final LongAdder exports = new LongAdder();
  private final LongAdder failedExports = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder failedItems = new LongAdder();

  void add(long count, boolean success) {
    exports.increment();
    items.add(count);
    if (!success) {
      failedExports.increment();
      failedItems.add(count);
    }
  }

  ExportStats stats() {
    return new ExportStats(exports.sum(), failedExports.sum(), items.sum(), failedItems.sum());
  }

  Window window() {
    return new Window();
  }

  /** The failure ratio between two reads (the flusher samples it once per flush). */
  final class Window {
    private long lastItems;
    private long lastFailed;

    synchronized double failureRatioSinceLastCall() {
      long nowItems = items.sum();
      long nowFailed = failedItems.sum();
      long di = nowItems - lastItems;
      long df = nowFailed - lastFailed;
      lastItems = nowItems;
      lastFailed = nowFailed;
      return di <= 0 ? 0 : (double) df / di;
    }
  }
}
