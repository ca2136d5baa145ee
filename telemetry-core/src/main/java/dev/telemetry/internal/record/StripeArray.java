package dev.telemetry.internal.record;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A fixed number of stripes, created lazily by the first thread that lands on each (so a stripe
 * and its cell are allocated in that thread's TLAB, away from the others' lines).
 *
 * <p>A thread starts at the stripe picked by its id (pool threads have consecutive ids, so
 * concurrent threads start on different stripes) and moves on when a stripe is taken. After two
 * rounds it gives up and the caller counts the record as dropped under contention: with more
 * stripes than cores that needs more writers preempted inside a few-nanosecond section than there
 * are stripes, and dropping-and-counting is what keeps the record path from ever waiting.
 */
final class StripeArray<S extends Stripe> {
  private final AtomicReferenceArray<S> stripes;
  private final int mask;
  private final Supplier<S> factory;

  StripeArray(int stripeCount, Supplier<S> factory) {
    if (Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripeCount must be a power of two, was " + stripeCount);
    }
    this.stripes = new AtomicReferenceArray<>(stripeCount);
    this.mask = stripeCount - 1;
    this.factory = factory;
  }

  /** A locked stripe for the calling thread, or {@code null} when every stripe stayed taken. */
  S acquire() {
    int i = (int) Thread.currentThread().getId();
    for (int attempts = (mask + 1) * 2; attempts > 0; attempts--, i++) {
      S s = stripes.get(i & mask);
      if (s == null) {
        s = create(i & mask);
      }
      if (s.tryLock()) {
        return s;
      }
    }
    return null;
  }

  private S create(int index) {
    S fresh = factory.get();
    return stripes.compareAndSet(index, null, fresh) ? fresh : stripes.get(index);
  }

  /** Calls {@code visitor} on each created stripe while holding it (flusher only). */
  void forEachLocked(java.util.function.Consumer<S> visitor) {
    for (int i = 0; i <= mask; i++) {
      S s = stripes.get(i);
      if (s == null) {
        continue;
      }
      s.lock();
      try {
        visitor.accept(s);
      } finally {
        s.unlock();
      }
    }
  }

  /** Stripes per instrument series: a power of two, at least 4 and about 4 per core, at most 64. */
  static int defaultStripeCount() {
    int wanted = Runtime.getRuntime().availableProcessors() * 4;
    return Math.min(64, Math.max(4, Integer.highestOneBit(wanted - 1) << 1));
  }
}
