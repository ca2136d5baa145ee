package dev.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A try-lock owned for a few nanoseconds by one writer while it updates the cell behind it.
 *
 * <p>Why a lock on the record path: a histogram record updates a bucket, the count, the sum and
 * min/max. With atomics that is three or four locked instructions on a shared line; with a
 * try-lock it is one compare-and-set plus plain writes, and the flusher can snapshot-and-reset a
 * cell exactly. Writers never wait on a held stripe: they move to another one (see
 * {@link AdaptiveStripes}). The flusher spins, only for the few nanoseconds a writer holds it.
 *
 * <p>Layout: 72 bytes of object header and padding come before the lock word, and a subclass's
 * fields (the cell's data, written by the same owner) follow it. Stripes are allocated one after
 * another, so each one's leading padding also separates the previous stripe's data from this
 * lock word: two threads on two stripes never write one cache line (the collapse DESIGN.md §6
 * measures for the peers), without paying a trailing pad on every stripe.
 */
abstract class Stripe extends StripeState {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(StripeState.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Takes the stripe if free; never waits. */
  final boolean tryLock() {
    return state == 0 && STATE.compareAndSet(this, 0, 1);
  }

  /** Takes the stripe, spinning while another thread holds it (flusher and whole-sketch merges only). */
  final void lock() {
    while (!tryLock()) {
      Thread.onSpinWait();
    }
  }

  /** Releases the stripe, publishing the writes made while it was held. */
  final void unlock() {
    STATE.setRelease(this, 0);
  }

  /**
   * Adds a validated value to the cell while the caller holds this stripe.
   *
   * @return false when the cell cannot take it now (a full buffer whose shared sketch is held);
   *     the caller then tries another stripe
   */
  abstract boolean offer(double value);
}

/** The lock word: 0 free, 1 held. */
abstract class StripeState extends LeadingPadding {
  volatile int state;
}
