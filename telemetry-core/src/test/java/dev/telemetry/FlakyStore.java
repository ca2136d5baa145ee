package dev.telemetry;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store whose writes can be made to fail, throw, or apply-then-fail (a timeout after commit). */
final class FlakyStore implements TelemetryStore {
  enum Mode { OK, FAIL, THROW, APPLY_THEN_FAIL, PERMANENT }

  final InMemoryStore delegate = InMemoryStore.create();
  volatile Mode mode = Mode.OK;
  final AtomicInteger attempts = new AtomicInteger();

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

  @Override
  public StoreResult replaceSamples(List<MetricSample> samples) {
    return delegate.replaceSamples(samples);
  }

  @Override
  public List<MetricSample> readSamples(SampleQuery query) {
    return delegate.readSamples(query);
  }

  @Override
  public Page<LogEvent> readLogs(LogQuery query) {
    return delegate.readLogs(query);
  }

  @Override
  public Page<TraceRecord> readTraces(TraceQuery query) {
    return delegate.readTraces(query);
  }

  @Override
  public List<BusinessEvent> readEvents(EventQuery query) {
    return delegate.readEvents(query);
  }

  @Override
  public List<Heartbeat> readHeartbeats() {
    return delegate.readHeartbeats();
  }

  @Override
  public long deleteOlderThan(DataKind kind, Instant cutoff, int maxRows) {
    return delegate.deleteOlderThan(kind, cutoff, maxRows);
  }

  @Override
  public Optional<Instant> readWatermark(String name) {
    return delegate.readWatermark(name);
  }

  @Override
  public StoreResult writeWatermark(String name, Instant value) {
    return delegate.writeWatermark(name, value);
  }
}
