package dev.telemetry;

import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.WriteBatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store whose writes can be made to fail, throw, or apply-then-fail (a timeout after commit). */
final class FlakyStore extends ForwardingStore {
  enum Mode { OK, FAIL, THROW, APPLY_THEN_FAIL, PERMANENT }

  final InMemoryStore delegate;
  volatile Mode mode = Mode.OK;
  final AtomicInteger attempts = new AtomicInteger();

  FlakyStore() {
    this(InMemoryStore.create());
  }

  /** Fails (in the current mode) the writes of one node into a store other nodes share. */
  FlakyStore(InMemoryStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public StoreResult write(WriteBatch batch) {
    attempts.incrementAndGet();
    switch (mode) {
      case FAIL:
        return StoreResult.retryableFailure("connection refused", null);
      case THROW:
        throw new IllegalStateException("driver bug");
      case PERMANENT:
        return StoreResult.permanentFailure("schema mismatch", null);
      case APPLY_THEN_FAIL:
        delegate.write(batch);
        return StoreResult.retryableFailure("timeout after commit", null);
      default:
        return delegate.write(batch);
    }
  }
}
