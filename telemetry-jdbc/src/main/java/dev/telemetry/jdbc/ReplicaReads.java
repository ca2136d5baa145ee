package dev.telemetry.jdbc;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link JdbcStore#forReads()}: every read from the read replica, everything else forwarded to
 * the store, which writes to the primary (ADR 0054).
 *
 * <p>All reads go to the replica, the {@linkplain #rollupRevision rollup revision} included: the
 * closed-step cache (ADR 0049) reads the revision before the rows and keeps a step only under the
 * revision it read first, which is safe when both come from one replica replaying the primary in
 * order (the rows are then at least as new as the revision). A revision read from the primary
 * with rows from a lagging replica would file old rows under the new revision and serve them until
 * the next rollup. The dirty marks that keep cached minute-backed steps out of use (ADR 0057) are
 * read from the replica too, after the revision, for the same reason.
 */
final class ReplicaReads extends ForwardingStore {
  private final JdbcStore.Reads replica;

  ReplicaReads(JdbcStore primary, JdbcStore.Reads replica) {
    super(primary);
    this.replica = replica;
  }

  @Override
  public List<MetricSample> readSamples(SampleQuery query) {
    return replica.samples(query);
  }

  @Override
  public Page<LogEvent> readLogs(LogQuery query) {
    return replica.logs(query);
  }

  @Override
  public Page<TraceRecord> readTraces(TraceQuery query) {
    return replica.traces(query);
  }

  @Override
  public List<BusinessEvent> readEvents(EventQuery query) {
    return replica.events(query);
  }

  @Override
  public List<EventTypeCount> readEventTypes(Instant from, Instant to, int limit) {
    return replica.eventTypes(from, to, limit);
  }

  @Override
  public StoreStats stats() {
    return replica.stats();
  }

  @Override
  public List<Heartbeat> readHeartbeats() {
    return replica.heartbeats();
  }

  @Override
  public Optional<Instant> readWatermark(String name) {
    return replica.watermark(name);
  }

  @Override
  public List<DirtyBucket> readDirtyBuckets(Resolution resolution, Instant from, Instant to, int limit) {
    return replica.dirtyBuckets(resolution, from, to, limit);
  }

  @Override
  public List<EventDayRollup> readEventDays(String type, Instant from, Instant to, int limit) {
    return replica.eventDays(type, from, to, limit);
  }

  @Override
  public OptionalLong rollupRevision() {
    return replica.rollupRevision();
  }

  /** The view owns nothing: the store and its DataSources are closed with the store. */
  @Override
  public void close() {}
}
