package dev.telemetry;

import dev.telemetry.store.WriteBatch;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batches waiting for the store, bounded by an estimate of their memory. Only the library's
 * flusher and writer threads touch it, so a plain lock is fine here.
 *
 * <p>Past the budget the oldest waiting batches are dropped and counted; the batch the writer is
 * retrying is never dropped under it, so the bound is the budget plus that one batch.
 */
final class BatchQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private final long budgetBytes;
  private final PipelineStats stats;
  private Entry inFlight;
  private long pendingBytes;

  BatchQueue(long budgetBytes, PipelineStats stats) {
    this.budgetBytes = budgetBytes;
    this.stats = stats;
  }

  void add(WriteBatch batch) {
    long bytes = BatchSize.estimate(batch);
    lock.lock();
    try {
      while (!waiting.isEmpty() && pendingBytes + bytes > budgetBytes) {
        Entry dropped = waiting.pollFirst();
        pendingBytes -= dropped.bytes;
        stats.dropped(dropped.batch);
      }
      waiting.addLast(new Entry(batch, bytes));
      pendingBytes += bytes;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest batch, marked in flight; waits up to {@code timeoutNanos}; null if none came. */
  WriteBatch take(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (waiting.isEmpty()) {
        if (left <= 0) {
          return null;
        }
        left = changed.awaitNanos(left);
      }
      inFlight = waiting.pollFirst();
      return inFlight.batch;
    } finally {
      lock.unlock();
    }
  }

  /** The in-flight batch was written, or given up on. */
  void done() {
    lock.lock();
    try {
      if (inFlight != null) {
        pendingBytes -= inFlight.bytes;
        inFlight = null;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Puts the in-flight batch back at the head (a manual write attempt failed). */
  void requeueInFlight() {
    lock.lock();
    try {
      if (inFlight != null) {
        waiting.addFirst(inFlight);
        inFlight = null;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until nothing is waiting or in flight; false on timeout. */
  boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (!waiting.isEmpty() || inFlight != null) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes a writer waiting in {@link #take} or a backoff (used on close). */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Sleeps up to {@code nanos} unless woken; used for retry backoff so close() can cut it short. */
  void pause(long nanos) throws InterruptedException {
    lock.lock();
    try {
      changed.await(nanos, TimeUnit.NANOSECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** Drops everything waiting (on close past the timeout), counting it. */
  void dropAll() {
    lock.lock();
    try {
      for (Entry e : waiting) {
        stats.dropped(e.batch);
      }
      waiting.clear();
      pendingBytes = inFlight == null ? 0 : inFlight.bytes;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int depth() {
    lock.lock();
    try {
      return waiting.size() + (inFlight == null ? 0 : 1);
    } finally {
      lock.unlock();
    }
  }

  long pendingBytes() {
    lock.lock();
    try {
      return pendingBytes;
    } finally {
      lock.unlock();
    }
  }

  private record Entry(WriteBatch batch, long bytes) {}
}
