package dev.telemetry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where telemetry is kept. The library ships an in-memory store; {@code telemetry-jdbc} adds
 * SQLite and PostgreSQL. Every implementation must pass the conformance kit in
 * {@code telemetry-testkit}.
 *
 * <h2>Threading and blocking</h2>
 * Writes ({@link #write}, {@link #replaceSamples}, {@link #writeWatermark}, {@link
 * #deleteOlderThan}, {@link #reclaimSpace}) come from the library's own background threads, one at
 * a time; they may block on I/O but never run on a host thread. Reads may be called concurrently from any thread
 * (dashboard requests) and concurrently with writes; they may block on I/O.
 *
 * <h2>Failures</h2>
 * Writes report failures as a {@link StoreResult} and should not throw; the pipeline retries
 * retryable failures with backoff and contains anything thrown. Reads throw {@link
 * StoreException} for storage failures and {@link IllegalArgumentException} for a malformed
 * cursor; the query layer turns both into partial data or a 400.
 *
 * <h2>Idempotency</h2>
 * {@link #write} applies a batch at most once per {@link WriteBatch#batchId()} and merges samples
 * with the same key; {@link #replaceSamples} overwrites, so rollups can be recomputed safely.
 */
public interface TelemetryStore extends AutoCloseable {

  /** Applies a batch once; a batch id seen before is acknowledged without effect. */
  StoreResult write(WriteBatch batch);

  /**
   * Writes samples replacing any sample with the same key (used by rollups, which may run again
   * over the same hour after a restart).
   */
  StoreResult replaceSamples(List<MetricSample> samples);

  /** Samples selected by the query, in no particular order. */
  List<MetricSample> readSamples(SampleQuery query);

  /** One page of log events, newest first. */
  Page<LogEvent> readLogs(LogQuery query);

  /** One page of trace index rows, newest first. */
  Page<TraceRecord> readTraces(TraceQuery query);

  /** Business events, newest first, at most {@code query.limit()}. */
  List<BusinessEvent> readEvents(EventQuery query);

  /**
   * The event types with events in {@code [from, to)}, most frequent first, at most {@code limit}
   * (1..1000), each with its count, dimension keys and newest event.
   *
   * <p>The default reads at most {@link EventQuery#MAX_LIMIT} events through {@link #readEvents}
   * and counts them in memory, so over a larger range its counts cover only the newest events; a
   * store that can aggregate (the SQL stores do) should override it.
   */
  default List<EventTypeCount> readEventTypes(Instant from, Instant to, int limit) {
    return EventTypeCounter.count(readEvents(new EventQuery(null, from, to, EventQuery.MAX_LIMIT)), limit);
  }

  /**
   * What the store holds and how big it is, as far as it can tell: size on disk, rows and bytes
   * per table, oldest and newest row. May scan (a {@code COUNT(*)} per table); called by the
   * dashboard's store view and the size probe, never on a hot path. The default knows nothing.
   */
  default StoreStats stats() {
    return StoreStats.UNKNOWN;
  }

  /**
   * Gives space freed by deleted rows back to the file system where the store can (SQLite's
   * incremental vacuum); retention calls it after deleting. Returns the bytes given back, 0 when
   * nothing was or the store cannot tell. A failure may be thrown as a {@link StoreException}: the
   * retention job's schedule contains and logs it. The default does nothing.
   */
  default long reclaimSpace() {
    return 0;
  }

  /** The latest heartbeat of every (name, node). */
  List<Heartbeat> readHeartbeats();

  /**
   * Deletes at most {@code maxRows} rows of {@code kind} older than {@code cutoff} and returns how
   * many it deleted. Retention calls it repeatedly until it returns less than {@code maxRows}, so
   * no single statement holds locks for long.
   */
  long deleteOlderThan(DataKind kind, Instant cutoff, int maxRows);

  /** A named progress marker (e.g. how far rollups have run), if one was written. */
  Optional<Instant> readWatermark(String name);

  /** Stores a named progress marker. */
  StoreResult writeWatermark(String name, Instant value);

  /** Releases what the store holds. Called once by {@code Telemetry.close()}. */
  @Override
  default void close() {}
}
