package dev.telemetry.http;

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

/** A store that delegates everything; tests override the reads they want to break. */
class ForwardingStore implements TelemetryStore {
  private final TelemetryStore inner;

  ForwardingStore(TelemetryStore inner) {
    this.inner = inner;
  }

  @Override
  public StoreResult write(WriteBatch batch) {
    return inner.write(batch);
  }

  @Override
  public StoreResult replaceSamples(List<MetricSample> samples) {
    return inner.replaceSamples(samples);
  }

  @Override
  public List<MetricSample> readSamples(SampleQuery query) {
    return inner.readSamples(query);
  }

  @Override
  public Page<LogEvent> readLogs(LogQuery query) {
    return inner.readLogs(query);
  }

  @Override
  public Page<TraceRecord> readTraces(TraceQuery query) {
    return inner.readTraces(query);
  }

  @Override
  public List<BusinessEvent> readEvents(EventQuery query) {
    return inner.readEvents(query);
  }

  @Override
  public List<Heartbeat> readHeartbeats() {
    return inner.readHeartbeats();
  }

  @Override
  public long deleteOlderThan(DataKind kind, Instant cutoff, int maxRows) {
    return inner.deleteOlderThan(kind, cutoff, maxRows);
  }

  @Override
  public Optional<Instant> readWatermark(String name) {
    return inner.readWatermark(name);
  }

  @Override
  public StoreResult writeWatermark(String name, Instant value) {
    return inner.writeWatermark(name, value);
  }
}
