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
 * #deleteOlderThan}) come from the library's own background threads, one at a time; they may
 * block on I/O but never run on a host thread. Reads may be called concurrently from any thread
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
