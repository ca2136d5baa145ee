package dev.telemetry.examples.demo;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
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

/** A store that forwards every call; subclasses override what they change. */
class ForwardingStore implements TelemetryStore {
  private final TelemetryStore delegate;

  ForwardingStore(TelemetryStore delegate) {
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
  public void close() {
    delegate.close();
  }
}
