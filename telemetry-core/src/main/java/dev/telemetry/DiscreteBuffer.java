package dev.telemetry;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * A bounded hand-off from host threads to the flusher for discrete records (logs, spans,
 * events, heartbeats), bounded twice: by count, and by bytes through a {@link Budget} the buffers
 * share. Offering never blocks: past either bound the record is dropped and counted. The checks may
 * overshoot by what racing producers add at the same instant, which is harmless.
 */
final class DiscreteBuffer<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final int capacity;
  private final Budget budget;
  private final ToLongFunction<T> bytes;

  DiscreteBuffer(int capacity, Budget budget, ToLongFunction<T> bytes) {
    this.capacity = capacity;
    this.budget = budget;
    this.bytes = bytes;
  }

  boolean offer(T item) {
    if (size.get() >= capacity || !budget.tryTake(bytes.applyAsLong(item))) {
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
      budget.give(bytes.applyAsLong(item));
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

  /** Bytes the discrete buffers may hold together; the cost of a record is given back on drain. */
  static final class Budget {
    private final AtomicLong used = new AtomicLong();
    private final long limit;

    Budget(long limit) {
      this.limit = limit;
    }

    boolean tryTake(long bytes) {
      if (used.addAndGet(bytes) > limit) {
        used.addAndGet(-bytes);
        return false;
      }
      return true;
    }

    void give(long bytes) {
      used.addAndGet(-bytes);
    }

    long used() {
      return used.get();
    }
  }
}
