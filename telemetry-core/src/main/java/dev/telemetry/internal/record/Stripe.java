package dev.telemetry.internal.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A try-lock owned for a few nanoseconds by one writer while it updates the cell behind it.
 *
 * <p>Why a lock on the record path: a histogram record updates a bucket, the count, the sum and
 * min/max. With atomics that is three or four locked instructions on a shared line; with a
 * try-lock it is one compare-and-set plus plain writes, and the flusher can snapshot-and-reset a
 * cell exactly. Writers never wait: a writer that finds the stripe taken moves to the next one
 * (see {@link StripeArray}). Only the flusher spins, and only for the few nanoseconds a writer
 * holds it. The padding keeps each stripe's lock word on its own cache line, so two threads on
 * two stripes never share a written line (the collapse DESIGN.md §6 measures for the peers).
 */
abstract class Stripe extends StripeStatePadding {
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

  /** Takes the stripe, spinning while a writer holds it (flusher only). */
  final void lock() {
    while (!tryLock()) {
      Thread.onSpinWait();
    }
  }

  /** Releases the stripe, publishing the writes made while it was held. */
  final void unlock() {
    STATE.setRelease(this, 0);
  }
}

/** Cache-line padding before the lock word. */
@SuppressWarnings("unused")
abstract class StripeLeadingPadding {
  long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The lock word: 0 free, 1 held. */
abstract class StripeState extends StripeLeadingPadding {
  volatile int state;
}

/** Cache-line padding after the lock word. */
@SuppressWarnings("unused")
abstract class StripeStatePadding extends StripeState {
  long p10, p11, p12, p13, p14, p15, p16, p17;
}
