package dev.telemetry.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A store that forwards every call to another one: extend it to decorate a store (count, delay,
 * fail, or keep the host from closing a shared store) by overriding only what changes.
 *
 * <pre>{@code
 * TelemetryStore unclosed = new ForwardingStore(shared) {
 *   public void close() {}
 * };
 * }</pre>
 */
public class ForwardingStore implements TelemetryStore {
  private final TelemetryStore delegate;

  public ForwardingStore(TelemetryStore delegate) {
    Objects.requireNonNull(delegate, "delegate");
    this.delegate = delegate;
  }

  @Override
  public StoreResult write(WriteBatch batch) {
    return delegate.write(batch);
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
  public List<EventTypeCount> readEventTypes(Instant from, Instant to, int limit) {
    return delegate.readEventTypes(from, to, limit);
  }

  @Override
  public StoreStats stats() {
    return delegate.stats();
  }

  @Override
  public long reclaimSpace() {
    return delegate.reclaimSpace();
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

  @Override
  public StoreResult markDirty(Resolution resolution, Instant bucketStart) {
    return delegate.markDirty(resolution, bucketStart);
  }

  @Override
  public List<DirtyBucket> readDirtyBuckets(Resolution resolution, Instant from, Instant to, int limit) {
    return delegate.readDirtyBuckets(resolution, from, to, limit);
  }

  @Override
  public StoreResult replaceDirtyBucket(DirtyBucket mark, List<MetricSample> samples) {
    return delegate.replaceDirtyBucket(mark, samples);
  }

  @Override
  public StoreResult replaceEventDays(Instant day, List<EventDayRollup> rows) {
    return delegate.replaceEventDays(day, rows);
  }

  @Override
  public List<EventDayRollup> readEventDays(String type, Instant from, Instant to, int limit) {
    return delegate.readEventDays(type, from, to, limit);
  }

  @Override
  public Optional<SharedValue> readShared(String name) {
    return delegate.readShared(name);
  }

  @Override
  public boolean writeShared(SharedValue value) {
    return delegate.writeShared(value);
  }

  @Override
  public OptionalLong rollupRevision() {
    return delegate.rollupRevision();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
