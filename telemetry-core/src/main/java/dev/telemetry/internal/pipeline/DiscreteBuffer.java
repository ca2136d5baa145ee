package dev.telemetry.internal.pipeline;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded hand-off from host threads to the flusher for discrete records (logs, spans,
 * events, heartbeats). Offering never blocks: past the capacity the record is dropped and
 * counted. The size check may overshoot by the number of racing producers, which is harmless.
 */
final class DiscreteBuffer<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final int capacity;

  DiscreteBuffer(int capacity) {
    this.capacity = capacity;
  }

  boolean offer(T item) {
    if (size.get() >= capacity) {
      dropped.increment();
      return false;
    }
    size.incrementAndGet();
    queue.offer(item);
    return true;
  }

  /** Moves up to {@code max} items into {@code into}, oldest first. */
  int drainTo(List<T> into, int max) {
    int n = 0;
    T item;
    while (n < max && (item = queue.poll()) != null) {
      size.decrementAndGet();
      into.add(item);
      n++;
    }
    return n;
  }

  int size() {
    return size.get();
  }

  long dropped() {
    return dropped.sum();
  }
}
