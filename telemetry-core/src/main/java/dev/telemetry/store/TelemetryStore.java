package dev.telemetry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where telemetry is kept. The library ships an in-memory store; {@code telemetry-jdbc} adds
 * SQLite and PostgreSQL. Every implementation must pass the conformance kit in
 * {@code telemetry-testkit}.
 *
 * <h2>Threading and blocking</h2>
 * Writes ({@link #write}, {@link #replaceSamples}, {@link #writeWatermark}, {@link
 * #deleteOlderThan}, {@link #reclaimSpace}, the dirty-bucket calls) come from the library's own
 * background threads or an operator's rebuild call, never from a host's recording thread; they
 * may block on I/O. Rollups of one store may run concurrently (two nodes, or a rebuild beside the
 * scheduled job), so {@link #replaceDirtyBucket} must be atomic against {@link #write} and against
 * itself. Reads may be called concurrently from any thread
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
 *
 * <h2>Late data</h2>
 * Every call that changes samples finer than a day ({@link #write}, {@link #replaceSamples},
 * {@link #replaceDirtyBucket}) marks the coarser bucket holding each changed sample dirty (the
 * hour of a minute sample, the day of an hour sample) with a fresh version, in the same atomic
 * step as the samples. The rollup job re-merges dirty buckets, so data written after its hour was
 * rolled up still reaches the hour and the day.
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

  /** Most event day rollup rows one {@link #readEventDays} call returns. */
  int MAX_EVENT_DAY_ROWS = 1_000_000;

  /**
   * In one atomic step, replaces every event day rollup of {@code day} (all types) with {@code
   * rows}, so the rollup job can recompute a day safely. Every row's day is {@code day}. The
   * default keeps none and reports a permanent failure: a store without it answers long ranges
   * from raw events only, as far as its retention reaches.
   */
  default StoreResult replaceEventDays(Instant day, List<EventDayRollup> rows) {
    return StoreResult.permanentFailure("this store keeps no event day rollups", null);
  }

  /**
   * The event day rollups of {@code type} (every type when {@code null}) whose day starts in
   * {@code [from, to)}, in no particular order, at most {@code limit} (1 to {@value
   * #MAX_EVENT_DAY_ROWS}). The default has none.
   */
  default List<EventDayRollup> readEventDays(String type, Instant from, Instant to, int limit) {
    return List.of();
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

  /**
   * Marks a rollup bucket dirty with a fresh version, as a write of finer samples would. The
   * rollup job marks a bucket before merging it, so every merge is guarded by a mark.
   */
  StoreResult markDirty(Resolution resolution, Instant bucketStart);

  /**
   * The dirty buckets of {@code resolution} starting in {@code [from, to)}, oldest first, at most
   * {@code limit} (1 to 10,000).
   */
  List<DirtyBucket> readDirtyBuckets(Resolution resolution, Instant from, Instant to, int limit);

  /**
   * In one atomic step: if {@code mark} is still stored with its version, deletes it and replaces
   * {@code samples} (as {@link #replaceSamples}, marking their coarser buckets); otherwise changes
   * nothing. A changed version means finer samples were written after the caller read them, and a
   * missing mark means another rollup already merged this version: either way the caller's merge
   * is stale or redundant and must not overwrite. Succeeds in both cases; fails only when the
   * store does.
   */
  StoreResult replaceDirtyBucket(DirtyBucket mark, List<MetricSample> samples);

  /**
   * A token that changes whenever rolled-up samples (hour or day resolution) change in this
   * store, through this instance or any other instance or process sharing it: written, replaced,
   * merged, deleted or evicted. It also changes whenever minute samples are deleted or evicted,
   * whenever {@link #replaceDirtyBucket} claims a mark (also with no samples to replace) and
   * whenever retention deletes dirty marks. The new token becomes visible atomically with the
   * change, or after it, never before. Equal tokens therefore mean no hour or day row changed in
   * between, no minute row was removed, and no dirty mark went away; a minute row written or
   * replaced in between marked its hour (a mark that is still there, then).
   *
   * <p>The query layer caches merged chart steps that lie wholly behind the hour rollup watermark
   * and serves them only while this token is unchanged (ADR 0049) and, for steps read from minute
   * rows, while their hour carries no dirty mark (ADR 0057). A store that returns a token must
   * change it on every such change, or a chart may show a stale step; the default, empty, means
   * "not tracked", and nothing read from the store is cached. Called once per trend query: it must
   * be cheap (one keyed row). Throws {@link StoreException} like any read.
   */
  default OptionalLong rollupRevision() {
    return OptionalLong.empty();
  }

  /**
   * The value shared under {@code name} by the nodes of this store (ADR 0058), if one is stored,
   * whatever its lease. Throws {@link StoreException} like any read. The default keeps none, so
   * every node computes what it would have shared for itself.
   */
  default Optional<SharedValue> readShared(String name) {
    return Optional.empty();
  }

  /**
   * Stores {@code value} under its name if, atomically against every other instance and process
   * sharing the store, no value is stored under that name, or the stored one is {@linkplain
   * SharedValue#replaceableBy replaceable by} {@code value.holder()} at {@code value.writtenAt()}
   * (the same holder, or its lease ended). Returns whether it was stored: {@code false} means
   * another node holds the lease. Throws {@link StoreException} when the store fails. Called by
   * the library's background threads only, once per {@code SummaryService} refresh. The default
   * stores nothing and returns {@code false}.
   */
  default boolean writeShared(SharedValue value) {
    return false;
  }

  /** Releases what the store holds. Called once by {@code Telemetry.close()}. */
  /**
   * The store the dashboard's reads should use: queries, the summary, event analytics and
   * freshness. A store with a read replica returns a view that reads from it (telemetry-jdbc's
   * {@code JdbcStore} with a read DataSource); writes, rollups and retention always use this store,
   * because the rollup job must read the minutes it merges where they were written. The default,
   * and any store without a replica, is this store. Closing the view must close nothing.
   */
  default TelemetryStore forReads() {
    return this;
  }

  @Override
  default void close() {}
}
