package dev.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One base cell, plus stripes that appear only under measured contention, as in
 * {@link java.util.concurrent.atomic.LongAdder}: a series nobody contends for is one cell.
 *
 * <p>Until a writer finds the base held, every record takes the base with one compare-and-set.
 * The first writer that finds it held switches the series to stripes: two at first, doubling
 * each time a writer misses twice in one call (a stripe held, or a buffer full while the shared
 * sketch is held), up to {@link #defaultStripeCount()}. Once striped, writers stay striped (a
 * histogram value reaches the base only through a full buffer). A writer starts at the stripe
 * its thread id picks (pool threads have consecutive ids, so concurrent threads start apart) and
 * moves on after a miss. Stripe objects are created by the first thread that lands on them, in
 * its own TLAB.
 *
 * <p>No record is dropped. A writer that misses on every stripe at the largest size (their
 * holders, or the holder of the shared sketch that full buffers drain into, were preempted)
 * yields its time slice and retries: that takes every holder preempted inside a few-nanosecond
 * section, or the sketch's holder preempted while every buffer fills. Bounded memory with no loss
 * means someone has to wait when every place a value can go is held; this is the only place,
 * and the shortest wait, the design allows (ADR 0017).
 *
 * @param <S> the stripe type
 */
final class AdaptiveStripes<S extends Stripe> extends AdaptiveStripesTrailingPadding {
  private static final VarHandle STRIPES;
  private static final VarHandle ACTIVE;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Stripe[].class);
  /**
   * Unused slots before and after the stripes in their array: 64 bytes with compressed
   * references, so the slots every writer reads never share a cache line with a neighbour object
   * that another thread writes (the array is created by whichever writer first meets contention,
   * in its own allocation buffer, between its own stripes and sketches).
   */
  static final int SLOT_PADDING = 16;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STRIPES = lookup.findVarHandle(AdaptiveStripesFields.class, "stripes", Stripe[].class);
      ACTIVE = lookup.findVarHandle(AdaptiveStripesFields.class, "active", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  AdaptiveStripes(Stripe base, int maxStripes, Supplier<S> factory) {
    super(base, maxStripes, factory);
    if (Integer.bitCount(maxStripes) != 1 || maxStripes < 2) {
      throw new IllegalArgumentException("maxStripes must be a power of two >= 2, was " + maxStripes);
    }
  }

  /** Adds a validated value to the base or to a stripe; never drops it, never blocks on a lock. */
  void put(double value) {
    if (active == 0 && base.tryLock()) {
      try {
        base.offer(value);
      } finally {
        base.unlock();
      }
      return;
    }
    putContended(value);
  }

  private void putContended(double value) {
    int probe = (int) Thread.currentThread().getId();
    boolean missedBefore = false;
    int fruitless = 0;
    for (;;) {
      int n = active;
      if (n == 0) {
        n = grow(0);
      }
      S s = stripeAt(probe & (n - 1));
      if (s.tryLock()) {
        boolean taken;
        try {
          taken = s.offer(value);
        } finally {
          s.unlock();
        }
        if (taken) {
          return;
        }
      }
      probe++;
      if (missedBefore && n < maxStripes) {
        grow(n);
        missedBefore = false;
      } else {
        missedBefore = true;
        if (++fruitless >= maxStripes) {
          // Every stripe missed at the largest size: the holders (of the stripes, or of the shared
          // sketch the full buffers wait for) were preempted. Spinning would only burn the time
          // slice they need; give it to them, then retry.
          Thread.yield();
          fruitless = 0;
        }
      }
    }
  }

  /** Doubles the stripes in use if they still number {@code seen}; returns the count now in use. */
  private int grow(int seen) {
    createStripeArray();
    int wanted = seen == 0 ? 2 : Math.min(maxStripes, seen * 2);
    ACTIVE.compareAndSet(this, seen, wanted);
    return active;
  }

  /**
   * Uses every stripe from now on. For a series about to give stripes private sketches: each
   * writer's home stripe is then final, so a promotion made now is not stranded by a later
   * doubling that moves its writer elsewhere. Costs only the array slots already allocated;
   * stripes are still created where writers land.
   */
  void spreadToMost() {
    createStripeArray();
    active = maxStripes;
  }

  private void createStripeArray() {
    if (stripes == null) {
      STRIPES.compareAndSet(this, null, new Stripe[maxStripes + 2 * SLOT_PADDING]);
    }
  }

  @SuppressWarnings("unchecked")
  private S stripeAt(int index) {
    Stripe[] array = stripes;
    int slot = SLOT_PADDING + index;
    Stripe s = (Stripe) SLOT.getAcquire(array, slot);
    if (s == null) {
      Stripe fresh = factory.get();
      s = SLOT.compareAndSet(array, slot, null, fresh) ? fresh : (Stripe) SLOT.getAcquire(array, slot);
    }
    return (S) s;
  }

  /** Stripes in use: 0 while the series has never been contended. */
  int activeStripes() {
    return active;
  }

  /**
   * Calls {@code visitor} on each created stripe while holding it, then on the base (flusher
   * only). A value is in exactly one cell at any time and moves between cells only while both are
   * held, so a value recorded during the visit is seen once, by this visit or the next.
   */
  @SuppressWarnings("unchecked")
  void forEachLocked(Consumer<S> stripeVisitor, Runnable baseVisitor) {
    Stripe[] array = stripes;
    if (array != null) {
      for (int i = SLOT_PADDING; i < SLOT_PADDING + maxStripes; i++) {
        S s = (S) SLOT.getAcquire(array, i);
        if (s == null) {
          continue;
        }
        s.lock();
        try {
          stripeVisitor.accept(s);
        } finally {
          s.unlock();
        }
      }
    }
    base.lock();
    try {
      baseVisitor.run();
    } finally {
      base.unlock();
    }
  }

  /** The most stripes per series on this machine: a power of two, about 4 per core, 4..64. */
  static int defaultStripeCount() {
    int wanted = Runtime.getRuntime().availableProcessors() * 4;
    return Math.min(64, Math.max(4, Integer.highestOneBit(wanted - 1) << 1));
  }
}

/**
 * The fields every record reads (and growth writes, rarely), between 64 bytes of padding on each
 * side: a series' cells are created by whichever thread records first, in its own allocation
 * buffer, next to objects that thread writes on every record (its stripes' buffers, its private
 * sketches). Without the padding another writer's reads of these fields would share those lines.
 */
abstract class AdaptiveStripesFields extends LeadingPadding {
  final Stripe base;
  final Supplier<? extends Stripe> factory;
  final int maxStripes;
  /**
   * Sized to {@link #maxStripes} plus padding slots on the first contention; {@code null} while
   * uncontended.
   */
  volatile Stripe[] stripes;
  /** Stripes in use, a power of two: 0 while uncontended. Written after {@link #stripes}. */
  volatile int active;

  AdaptiveStripesFields(Stripe base, int maxStripes, Supplier<? extends Stripe> factory) {
    this.base = base;
    this.maxStripes = maxStripes;
    this.factory = factory;
  }
}

/** 64 bytes after the fields every record reads; see {@link AdaptiveStripesFields}. */
@SuppressWarnings("unused")
abstract class AdaptiveStripesTrailingPadding extends AdaptiveStripesFields {
  long q01, q02, q03, q04, q05, q06, q07, q08;

  AdaptiveStripesTrailingPadding(Stripe base, int maxStripes, Supplier<? extends Stripe> factory) {
    super(base, maxStripes, factory);
  }
}
