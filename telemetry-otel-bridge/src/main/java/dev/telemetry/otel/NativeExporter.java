package dev.telemetry.otel;

import dev.telemetry.Telemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the three native exporters share: the export loop (convert each item, count it, contain
 * whatever a conversion throws: counted, never thrown into the SDK), {@link #flush()} and
 * {@link #shutdown()}. After shutdown every export answers a failure result. Each subclass
 * implements its SDK interface; these public methods implement that interface's {@code flush} and
 * {@code shutdown}.
 */
abstract class NativeExporter {
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile boolean shutdown;

  final <T> CompletableResultCode exportEach(Collection<? extends T> items, Consumer<T> convert) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    if (items == null) {
      return CompletableResultCode.ofSuccess();
    }
    for (T item : items) {
      try {
        convert.accept(item);
        exported.increment();
      } catch (RuntimeException e) {
        failed.increment();
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Succeeds at once: nothing is buffered here, items are handed to the native pipeline as they are
   * exported, and it flushes on its own schedule.
   */
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  /** Stops accepting items; the {@link Telemetry} instance, which the host owns, stays open. */
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }

  final long exportedItems() {
    return exported.sum();
  }

  final long failedItems() {
    return failed.sum();
  }
}
