package dev.telemetry;

import dev.telemetry.internal.guard.Failures;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Not API. Two background threads between the record path and the store.
 *
 * <p>The <b>flusher</b> wakes at every drain interval; on flush-interval boundaries it drains
 * every series (snapshot-and-reset of the striped cells) into minute samples, and every time it
 * drains the discrete buffers through the {@link Sanitizer}. It cuts the rows into batches with
 * unique ids and hands them to the {@link BatchQueue}. The <b>writer</b> writes the oldest batch,
 * retrying retryable failures with exponential backoff and jitter; a batch id is never reused, so
 * a retry the store already applied is a no-op there. Past the memory budget the oldest waiting
 * batches are dropped and counted. Neither thread ever runs host code except gauge callbacks,
 * which run guarded.
 */
final class Pipeline {
  private final PipelineConfig config;
  private final Supplier<List<SeriesTable>> tables;
  private final RecordStats recordStats;
  private final Sanitizer sanitizer;
  private final PipelineStats stats = new PipelineStats();
  private final BatchQueue queue;
  private final RawBounds bounds;
  private final DiscreteBuffer.Budget buffered;
  private final DiscreteBuffer<RawLog> logs;
  private final DiscreteBuffer<RawSpan> spans;
  private final DiscreteBuffer<RawEvent> events;
  private final DiscreteBuffer<Heartbeat> heartbeats;
  private final String batchPrefix = UUID.randomUUID().toString();
  private final AtomicLong batchSeq = new AtomicLong();
  private final Object flushLock = new Object();
  private final QuietLog quiet = new QuietLog();
  private final long flushMillis;
  private volatile boolean running;
  /** Whether the store is known to hold {@code cluster.since}; set after the first write that wrote it. */
  private volatile boolean clusterSinceKnown;
  private volatile boolean closing;
  private volatile long closeDeadlineNanos;
  private Thread flusher;
  private Thread writer;

  public Pipeline(PipelineConfig config, Supplier<List<SeriesTable>> tables, RecordStats recordStats,
      Sanitizer sanitizer) {
    this.config = config;
    this.tables = tables;
    this.recordStats = recordStats;
    this.sanitizer = sanitizer;
    this.queue = new BatchQueue(config.maxPendingBytes(), stats);
    this.bounds = new RawBounds(sanitizer.maxMessageLength());
    this.buffered = new DiscreteBuffer.Budget(discreteBudget(config.maxPendingBytes()));
    this.logs = new DiscreteBuffer<>(config.bufferCapacity(), buffered, RecordBytes::log);
    this.spans = new DiscreteBuffer<>(config.bufferCapacity(), buffered, RecordBytes::span);
    this.events = new DiscreteBuffer<>(config.bufferCapacity(), buffered, RecordBytes::event);
    this.heartbeats = new DiscreteBuffer<>(config.bufferCapacity(), buffered, RecordBytes::heartbeat);
    this.flushMillis = config.flushInterval().toMillis();
  }

  /** Starts the background threads (when configured). */
  public void start() {
    running = true;
    if (!config.background()) {
      return;
    }
    flusher = new Thread(this::flushLoop, "telemetry-flusher");
    flusher.setDaemon(true);
    writer = new Thread(this::writeLoop, "telemetry-writer");
    writer.setDaemon(true);
    flusher.start();
    writer.start();
  }

  public PipelineStats stats() {
    return stats;
  }

  /**
   * The bytes the discrete buffers may hold together, waiting for the flusher: a quarter of the
   * pending-batch budget, at least 1 MiB (room for the largest record a host can hand in).
   */
  static long discreteBudget(long maxPendingBytes) {
    return Math.max(1L << 20, maxPendingBytes / 4);
  }

  /**
   * Hands a log to the flusher; on the host's thread, its texts are first cut to what can be stored
   * and its attributes copied (bounded), so the buffer never holds more than its byte budget.
   */
  public boolean offerLog(RawLog log) {
    return logs.offer(bounds.log(log));
  }

  public boolean offerSpan(RawSpan span) {
    return spans.offer(bounds.span(span));
  }

  public boolean offerEvent(RawEvent event) {
    return events.offer(bounds.event(event));
  }

  public boolean offerHeartbeat(Heartbeat heartbeat) {
    return heartbeats.offer(bounds.heartbeat(heartbeat));
  }

  /** Bytes (estimated from above) of discrete records waiting for the flusher. */
  public long bufferedBytes() {
    return buffered.used();
  }

  /** Discrete records dropped because their buffer was full by count or by bytes (logs, spans, events, heartbeats). */
  public long droppedDiscrete() {
    return logs.dropped() + spans.dropped() + events.dropped() + heartbeats.dropped()
        + sanitizer.droppedEvents.get();
  }

  public int queueDepth() {
    return queue.depth();
  }

  public long pendingBytes() {
    return queue.pendingBytes();
  }

  /** Snapshots every series and drains every buffer now, handing the batches to the writer. */
  public void flush() {
    cycle(true);
  }

  /**
   * Without background threads: writes what is queued on the calling thread, one attempt per
   * batch (tests and hosts that drive the pipeline themselves). Returns the failures seen.
   */
  public int writePending() {
    int failures = 0;
    WriteBatch batch;
    try {
      while ((batch = queue.take(0)) != null) {
        StoreResult result = attempt(batch);
        if (result.success()) {
          queue.done();
          continue;
        }
        failures++;
        if (result.retryable()) {
          queue.requeueInFlight();
          break;
        }
        stats.dropped(batch);
        queue.done();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return failures;
  }

  /** Waits until every batch handed over so far was written or dropped. */
  public boolean awaitWritten(Duration timeout) {
    try {
      return queue.awaitEmpty(timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Flushes what is pending and stops, giving the store up to {@code timeout}; the rest is dropped and counted. */
  public void close(Duration timeout) {
    if (!running) {
      return;
    }
    closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
    running = false;
    if (flusher != null) {
      LockSupport.unpark(flusher);
      join(flusher, timeout);
    }
    cycle(true);
    closing = true;
    if (writer != null) {
      awaitWritten(Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime())));
      queue.wake();
      join(writer, Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime()) + 100_000_000L));
    } else {
      writePending();
    }
    queue.dropAll();
  }

  private static void join(Thread t, Duration timeout) {
    try {
      t.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void flushLoop() {
    long nextMetrics = nextBoundary(config.clock().millis());
    long drainNanos = config.drainInterval().toNanos();
    while (running) {
      long untilMetrics = (nextMetrics - config.clock().millis()) * 1_000_000L;
      LockSupport.parkNanos(this, Math.max(1_000_000L, Math.min(drainNanos, untilMetrics)));
      if (!running) {
        break;
      }
      try {
        long now = config.clock().millis();
        boolean metricsDue = now >= nextMetrics;
        cycle(metricsDue);
        if (metricsDue) {
          nextMetrics = nextBoundary(now);
        }
      } catch (RuntimeException | Error e) {
        // The flusher must outlive any bug or exhaustion it meets: count, tell once, carry on.
        stats.flusherErrors.incrementAndGet();
        quiet.warn("telemetry: flush failed; will try again at the next interval", e);
      }
    }
  }

  private long nextBoundary(long nowMillis) {
    return (Math.floorDiv(nowMillis, flushMillis) + 1) * flushMillis;
  }

  private void cycle(boolean metrics) {
    synchronized (flushLock) {
      long start = System.nanoTime();
      long nowMillis = config.clock().millis();
      List<MetricSample> samples = metrics ? snapshotMetrics(nowMillis) : List.of();
      List<LogEvent> logRows = new ArrayList<>();
      List<TraceRecord> spanRows = new ArrayList<>();
      List<BusinessEvent> eventRows = new ArrayList<>();
      List<Heartbeat> heartbeatRows = new ArrayList<>();
      drain(logs, sanitizer::log, logRows);
      drain(spans, sanitizer::span, spanRows);
      drain(events, sanitizer::event, eventRows);
      drain(heartbeats, sanitizer::heartbeat, heartbeatRows);
      enqueue(samples, logRows, spanRows, eventRows, heartbeatRows);
      if (metrics) {
        stats.flushed(System.nanoTime() - start);
      }
    }
  }

  private List<MetricSample> snapshotMetrics(long nowMillis) {
    // The interval (previous flush, now] belongs to the minute holding its last millisecond.
    Instant bucket = Resolution.MINUTE.bucketStart(Instant.ofEpochMilli(nowMillis - 1));
    List<MetricSample> samples = new ArrayList<>();
    for (SeriesTable table : tables.get()) {
      table.forEach(series -> {
        Series.Drained d;
        try {
          d = series.drain(recordStats);
        } catch (RuntimeException | Error e) {
          // One series failing (a gauge callback throwing even a VirtualMachineError) must not
          // lose what the others already handed over in this cycle; its own cells are drained
          // only after its callback, so they keep their data for the next cycle.
          stats.flusherErrors.incrementAndGet();
          quiet.warn("telemetry: snapshot of " + table.definition().name() + " failed; will retry", e);
          return;
        }
        if (d != null) {
          samples.add(new MetricSample(bucket, Resolution.MINUTE, table.definition().name(), config.node(),
              series.labels(), table.definition().kind(), d.count(), d.sum(), d.min(), d.max(), d.last(), d.sketch()));
        }
      });
    }
    return samples;
  }

  private <R, T> void drain(DiscreteBuffer<R> buffer, java.util.function.Function<R, T> sanitize, List<T> into) {
    List<R> raw = new ArrayList<>();
    buffer.drainTo(raw, config.bufferCapacity());
    for (R r : raw) {
      T row = sanitize.apply(r);
      if (row != null) {
        into.add(row);
      }
    }
  }

  private void enqueue(List<MetricSample> samples, List<LogEvent> logRows, List<TraceRecord> spanRows,
      List<BusinessEvent> eventRows, List<Heartbeat> heartbeatRows) {
    int max = config.maxBatchRows();
    int s = 0;
    int l = 0;
    int t = 0;
    int e = 0;
    int h = 0;
    while (s < samples.size() || l < logRows.size() || t < spanRows.size() || e < eventRows.size()
        || h < heartbeatRows.size()) {
      int room = max;
      List<MetricSample> bs = slice(samples, s, room);
      s += bs.size();
      room -= bs.size();
      List<LogEvent> bl = slice(logRows, l, room);
      l += bl.size();
      room -= bl.size();
      List<TraceRecord> bt = slice(spanRows, t, room);
      t += bt.size();
      room -= bt.size();
      List<BusinessEvent> be = slice(eventRows, e, room);
      e += be.size();
      room -= be.size();
      List<Heartbeat> bh = slice(heartbeatRows, h, room);
      h += bh.size();
      String id = batchPrefix + '-' + batchSeq.incrementAndGet();
      queue.add(new WriteBatch(id, config.node(), bs, bl, bt, be, bh));
    }
  }

  private static <T> List<T> slice(List<T> all, int from, int room) {
    int to = Math.min(all.size(), from + Math.max(0, room));
    return from >= to ? List.of() : all.subList(from, to);
  }

  private void writeLoop() {
    while (running || !closing || queue.depth() > 0) {
      if (closing && System.nanoTime() > closeDeadlineNanos) {
        return;
      }
      WriteBatch batch;
      try {
        batch = queue.take(100_000_000L);
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        if (closing) {
          return;
        }
        continue;
      }
      writeWithRetry(batch);
      queue.done();
    }
  }

  private void writeWithRetry(WriteBatch batch) {
    long backoff = config.retryBackoffMin().toNanos();
    long maxBackoff = config.retryBackoffMax().toNanos();
    while (true) {
      StoreResult result = attempt(batch);
      if (result.success()) {
        return;
      }
      if (!result.retryable() || (closing && System.nanoTime() > closeDeadlineNanos)) {
        stats.dropped(batch);
        return;
      }
      try {
        queue.pause(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
      } catch (InterruptedException e) {
        stats.dropped(batch);
        Thread.currentThread().interrupt();
        return;
      }
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  }

  /** One write attempt, counted; never throws. */
  private StoreResult attempt(WriteBatch batch) {
    long start = System.nanoTime();
    StoreResult result;
    try {
      // node-merged rows ride in the same atomic, idempotent write (ADR 0018)
      result = config.store().write(batch.withClusterSamples());
      if (result == null) {
        result = StoreResult.permanentFailure("store returned no result", null);
      }
    } catch (RuntimeException | Error e) {
      Failures.rethrowIfFatal(e);
      result = StoreResult.retryableFailure("store threw " + e.getClass().getName(), e);
    }
    stats.lastWriteNanos.set(System.nanoTime() - start);
    if (result.success()) {
      stats.writtenBatches.incrementAndGet();
      stats.writtenRows.addAndGet(batch.size());
      if (!clusterSinceKnown) {
        clusterSinceKnown = Watermarks.noteClusterRows(config.store(), batch);
      }
      return result;
    }
    stats.writeFailures.incrementAndGet();
    quiet.warn("telemetry: store write failed (" + result.message() + ")"
        + (result.retryable() ? "; retrying with backoff" : "; batch dropped"), result.cause());
    return result;
  }
}
