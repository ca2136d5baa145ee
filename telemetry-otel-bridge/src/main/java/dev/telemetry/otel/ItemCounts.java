package dev.telemetry.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The export loop the three native exporters share: convert each item, count it, and contain
 * whatever a conversion throws (counted, never thrown into the SDK). After shutdown every export
 * answers a failure result.
 */
final class ItemCounts {
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile boolean shutdown;

  <T> CompletableResultCode exportEach(Collection<? extends T> items, Consumer<T> convert) {
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

  CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }

  long exported() {
    return exported.sum();
  }

  long failed() {
    return failed.sum();
  }
}
