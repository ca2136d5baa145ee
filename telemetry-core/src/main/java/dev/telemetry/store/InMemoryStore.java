package dev.telemetry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A bounded store in the JVM heap: the zero-setup default. Nothing survives a restart.
 *
 * <p>Each kind of row has a cap; past it the oldest rows are evicted and counted ({@link
 * #evictedRows()}). Reads run concurrently with the single writer thread.
 *
 * <pre>{@code
 * TelemetryStore store = InMemoryStore.builder().maxRows(50_000).build();
 * }</pre>
 */
public final class InMemoryStore implements TelemetryStore {
  private final int maxSamples;
  private final int maxRows;
  private final int maxAppliedBatches;

  private final ConcurrentSkipListMap<SampleKey, MetricSample> samples = new ConcurrentSkipListMap<>();
  private final RowLog<LogEvent> logs;
  private final RowLog<TraceRecord> traces;
  private final RowLog<BusinessEvent> events;
  private final ConcurrentHashMap<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SharedValue> shared = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Instant> appliedBatches = new LinkedHashMap<>();
  private final ConcurrentHashMap<String, Instant> watermarks = new ConcurrentHashMap<>();
  private final AtomicLong evicted = new AtomicLong();
  /** Dirty rollup buckets by (resolution, bucket start millis), valued by version. */
  private final ConcurrentSkipListMap<DirtyKey, Long> dirty = new ConcurrentSkipListMap<>();
  /** Versions only grow, so a version is never reused for a bucket. */
  private final AtomicLong versions = new AtomicLong();
  /** Event day rollups by day (millis), each day's rows an immutable list replaced as a whole. */
  private final ConcurrentSkipListMap<Long, List<EventDayRollup>> eventDays = new ConcurrentSkipListMap<>();
  /**
   * Bumped after every change to hour or day samples, every deletion of minute samples or dirty
   * marks, every claimed mark and every eviction: {@link #rollupRevision}.
   */
  private final AtomicLong rollupRevision = new AtomicLong();
  /** Makes each conditional rollup replace atomic against the others. */
  private final Object rollupLock = new Object();

  private InMemoryStore(Builder b) {
    this.maxSamples = b.maxSamples;
    this.maxRows = b.maxRows;
    this.maxAppliedBatches = b.maxAppliedBatches;
    this.logs = new RowLog<>(maxRows, evicted);
    this.traces = new RowLog<>(maxRows, evicted);
    this.events = new RowLog<>(maxRows, evicted);
  }

  /** A store with the default caps. */
  public static InMemoryStore create() {
    return builder().build();
  }

  /** Configures caps. */
  public static Builder builder() {
    return new Builder();
  }

  /** Rows evicted because a cap was reached. */
  public long evictedRows() {
    return evicted.get();
  }

  @Override
  public StoreResult write(WriteBatch batch) {
    synchronized (appliedBatches) {
      if (appliedBatches.containsKey(batch.batchId())) {
        return StoreResult.ok();
      }
      appliedBatches.put(batch.batchId(), Instant.now());
      while (appliedBatches.size() > maxAppliedBatches) {
        var it = appliedBatches.keySet().iterator();
        it.next();
        it.remove();
      }
    }
    for (MetricSample s : batch.samples()) {
      samples.merge(SampleKey.of(s), s, MetricSample::mergedWith);
    }
    // after the samples: a rollup that reads the old version then misses them fails its replace
    markCoarser(batch.samples());
    evictSamples();
    bumpIfRolled(batch.samples());
    batch.logs().forEach(l -> logs.add(l.ts(), l));
    batch.traces().forEach(t -> traces.add(t.ts(), t));
    batch.events().forEach(e -> events.add(e.ts(), e));
    for (Heartbeat h : batch.heartbeats()) {
      heartbeats.merge(h.name() + '\u0000' + h.node(), h,
          (old, neu) -> neu.lastSeen().isBefore(old.lastSeen()) ? old : neu);
    }
    return StoreResult.ok();
  }

  @Override
  public StoreResult replaceSamples(List<MetricSample> replacements) {
    for (MetricSample s : replacements) {
      samples.put(SampleKey.of(s), s);
    }
    markCoarser(replacements);
    evictSamples();
    bumpIfRolled(replacements);
    return StoreResult.ok();
  }

  /** Changes after the samples it stands for, so a reader holding the old token re-reads. */
  @Override
  public OptionalLong rollupRevision() {
    return OptionalLong.of(rollupRevision.get());
  }

  private void bumpIfRolled(List<MetricSample> changed) {
    for (MetricSample s : changed) {
      if (s.resolution() != Resolution.MINUTE) {
        rollupRevision.incrementAndGet();
        return;
      }
    }
  }

  @Override
  public StoreResult markDirty(Resolution resolution, Instant bucketStart) {
    DirtyBucket checked = new DirtyBucket(resolution, bucketStart, 0);
    dirty.put(DirtyKey.of(checked.resolution(), checked.bucketStart()), versions.incrementAndGet());
    return StoreResult.ok();
  }

  @Override
  public List<DirtyBucket> readDirtyBuckets(Resolution resolution, Instant from, Instant to, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
    }
    List<DirtyBucket> out = new ArrayList<>();
    for (Map.Entry<DirtyKey, Long> e : dirty.subMap(DirtyKey.of(resolution, from), DirtyKey.of(resolution, to))
        .entrySet()) {
      out.add(new DirtyBucket(resolution, Instant.ofEpochMilli(e.getKey().bucketMillis()), e.getValue()));
      if (out.size() == limit) {
        break;
      }
    }
    return out;
  }

  @Override
  public StoreResult replaceDirtyBucket(DirtyBucket mark, List<MetricSample> replacements) {
    List<MetricSample> copy = List.copyOf(replacements);
    synchronized (rollupLock) {
      if (dirty.remove(DirtyKey.of(mark.resolution(), mark.bucketStart()), mark.version())) {
        replaceSamples(copy);
        // also when the mark is dropped with nothing to replace (ADR 0057)
        rollupRevision.incrementAndGet();
      }
    }
    return StoreResult.ok();
  }

  private void markCoarser(List<MetricSample> changed) {
    for (MetricSample s : changed) {
      Resolution coarser = s.resolution().coarser();
      if (coarser != null) {
        dirty.put(DirtyKey.of(coarser, coarser.bucketStart(s.bucketStart())), versions.incrementAndGet());
      }
    }
  }

  @Override
  public List<MetricSample> readSamples(SampleQuery q) {
    SampleKey lo = SampleKey.lowest(q.resolution(), q.metric(), q.from());
    SampleKey hi = SampleKey.lowest(q.resolution(), q.metric(), q.to());
    List<MetricSample> out = new ArrayList<>();
    for (MetricSample s : samples.subMap(lo, true, hi, false).values()) {
      if (q.matches(s)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public Page<LogEvent> readLogs(LogQuery q) {
    return logs.page(q.from(), q.to(), q.cursor(), q.limit(), q::matches);
  }

  @Override
  public Page<TraceRecord> readTraces(TraceQuery q) {
    return traces.page(q.from(), q.to(), q.cursor(), q.limit(), q::matches);
  }

  @Override
  public List<BusinessEvent> readEvents(EventQuery q) {
    return events.list(q.from(), q.to(), q.limit(), q::matches);
  }

  @Override
  public List<Heartbeat> readHeartbeats() {
    return List.copyOf(heartbeats.values());
  }

  @Override
  public long deleteOlderThan(DataKind kind, Instant cutoff, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
    switch (kind) {
      case MINUTE_SAMPLES:
        return deleteSamples(Resolution.MINUTE, cutoff, maxRows);
      case HOUR_SAMPLES:
        return deleteSamples(Resolution.HOUR, cutoff, maxRows);
      case DAY_SAMPLES:
        return deleteSamples(Resolution.DAY, cutoff, maxRows);
      case LOGS:
        return logs.deleteOlderThan(cutoff, maxRows);
      case TRACES:
        return traces.deleteOlderThan(cutoff, maxRows);
      case EVENTS:
        return events.deleteOlderThan(cutoff, maxRows);
      case HEARTBEATS:
        return deleteMatching(heartbeats, h -> h.lastSeen().isBefore(cutoff), maxRows);
      case APPLIED_BATCHES:
        synchronized (appliedBatches) {
          long n = 0;
          var it = appliedBatches.values().iterator();
          while (it.hasNext() && n < maxRows) {
            if (it.next().isBefore(cutoff)) {
              it.remove();
              n++;
            }
          }
          return n;
        }
      case DIRTY_BUCKETS:
        return deleteMarksBefore(cutoff.toEpochMilli(), maxRows);
      case EVENT_DAYS:
        return deleteEventDaysBefore(cutoff.toEpochMilli(), maxRows);
      default:
        throw new IllegalArgumentException("unknown kind " + kind);
    }
  }

  /** Keeps at most {@code maxRows} event day rows (the events' cap); past it the oldest days go, counted. */
  @Override
  public StoreResult replaceEventDays(Instant day, List<EventDayRollup> rows) {
    for (EventDayRollup row : rows) {
      if (!row.day().equals(day)) {
        return StoreResult.permanentFailure("row of " + row.day() + " in the rollup of " + day, null);
      }
    }
    synchronized (eventDays) {
      if (rows.isEmpty()) {
        eventDays.remove(day.toEpochMilli());
      } else {
        eventDays.put(day.toEpochMilli(), List.copyOf(rows));
      }
      long total = eventDays.values().stream().mapToLong(List::size).sum();
      while (total > maxRows && eventDays.size() > 1) {
        List<EventDayRollup> oldest = eventDays.pollFirstEntry().getValue();
        total -= oldest.size();
        evicted.addAndGet(oldest.size());
      }
    }
    return StoreResult.ok();
  }

  @Override
  public List<EventDayRollup> readEventDays(String type, Instant from, Instant to, int limit) {
    if (limit < 1 || limit > MAX_EVENT_DAY_ROWS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_EVENT_DAY_ROWS + ", was " + limit);
    }
    List<EventDayRollup> out = new ArrayList<>();
    for (List<EventDayRollup> day : eventDays.subMap(from.toEpochMilli(), true, to.toEpochMilli(), false).values()) {
      for (EventDayRollup row : day) {
        if (type == null || type.equals(row.type())) {
          out.add(row);
          if (out.size() == limit) {
            return out;
          }
        }
      }
    }
    return out;
  }

  private long deleteEventDaysBefore(long cutoffMillis, int maxRows) {
    synchronized (eventDays) {
      long n = 0;
      // A day's rows go together: the first day may take a call past maxRows, as a chunk does on TimescaleDB.
      while (!eventDays.isEmpty() && eventDays.firstKey() < cutoffMillis && n < maxRows) {
        n += eventDays.pollFirstEntry().getValue().size();
      }
      return n;
    }
  }

  @Override
  public Optional<Instant> readWatermark(String name) {
    return Optional.ofNullable(watermarks.get(name));
  }

  @Override
  public StoreResult writeWatermark(String name, Instant value) {
    watermarks.put(name, value);
    return StoreResult.ok();
  }

  @Override
  public Optional<SharedValue> readShared(String name) {
    return Optional.ofNullable(shared.get(name));
  }

  @Override
  public boolean writeShared(SharedValue value) {
    SharedValue stored = shared.compute(value.name(),
        (name, old) -> old == null || old.replaceableBy(value.holder(), value.writtenAt()) ? value : old);
    return stored == value;
  }

  /** Rows per kind with their oldest and newest times; sizes in bytes are unknown in the heap. */
  @Override
  public StoreStats stats() {
    List<StoreStats.TableStats> tables = new ArrayList<>();
    int n = Resolution.values().length;
    long[] rows = new long[n];
    Instant[] oldest = new Instant[n];
    Instant[] newest = new Instant[n];
    for (MetricSample s : samples.values()) {
      int r = s.resolution().ordinal();
      rows[r]++;
      oldest[r] = oldest[r] == null || s.bucketStart().isBefore(oldest[r]) ? s.bucketStart() : oldest[r];
      newest[r] = newest[r] == null || s.bucketStart().isAfter(newest[r]) ? s.bucketStart() : newest[r];
    }
    for (Resolution r : Resolution.values()) {
      int i = r.ordinal();
      tables.add(new StoreStats.TableStats("samples_" + r.name().toLowerCase(Locale.ROOT), rows[i], null,
          oldest[i], newest[i]));
    }
    tables.add(logs.stats("logs"));
    tables.add(traces.stats("traces"));
    tables.add(events.stats("events"));
    Instant oldestBeat = null;
    Instant newestBeat = null;
    for (Heartbeat h : heartbeats.values()) {
      oldestBeat = oldestBeat == null || h.lastSeen().isBefore(oldestBeat) ? h.lastSeen() : oldestBeat;
      newestBeat = newestBeat == null || h.lastSeen().isAfter(newestBeat) ? h.lastSeen() : newestBeat;
    }
    tables.add(new StoreStats.TableStats("heartbeats", (long) heartbeats.size(), null, oldestBeat, newestBeat));
    synchronized (eventDays) {
      tables.add(new StoreStats.TableStats("event_days", eventDays.values().stream().mapToLong(List::size).sum(),
          null, eventDays.isEmpty() ? null : Instant.ofEpochMilli(eventDays.firstKey()),
          eventDays.isEmpty() ? null : Instant.ofEpochMilli(eventDays.lastKey())));
    }
    synchronized (appliedBatches) {
      tables.add(new StoreStats.TableStats("applied_batches", (long) appliedBatches.size(), null, null, null));
    }
    return new StoreStats("in-memory", null, null, tables);
  }

  private long deleteSamples(Resolution resolution, Instant cutoff, int maxRows) {
    long n = deleteMatching(samples, s -> s.resolution() == resolution && s.bucketStart().isBefore(cutoff), maxRows);
    if (n > 0) {
      rollupRevision.incrementAndGet();
    }
    return n;
  }

  private static <K, V> long deleteMatching(Map<K, V> map, Predicate<V> old, int maxRows) {
    long n = 0;
    var it = map.values().iterator();
    while (it.hasNext() && n < maxRows) {
      if (old.test(it.next())) {
        it.remove();
        n++;
      }
    }
    return n;
  }

  private long deleteMarksBefore(long cutoffMillis, int maxRows) {
    long n = 0;
    var it = dirty.keySet().iterator();
    while (it.hasNext() && n < maxRows) {
      if (it.next().bucketMillis() < cutoffMillis) {
        it.remove();
        n++;
      }
    }
    if (n > 0) {
      rollupRevision.incrementAndGet();
    }
    return n;
  }

  private void evictSamples() {
    // A safety valve: retention normally keeps the store well under the cap. Each pass drops the
    // oldest bucket (every series of it) across all metrics and resolutions.
    while (samples.size() > maxSamples) {
      long oldest = Long.MAX_VALUE;
      for (SampleKey k : samples.keySet()) {
        oldest = Math.min(oldest, k.bucketMillis);
      }
      long bucket = oldest;
      long before = samples.size();
      samples.keySet().removeIf(k -> k.bucketMillis == bucket);
      evicted.addAndGet(before - samples.size());
      rollupRevision.incrementAndGet();
    }
  }

  /** Sample identity ordered by (resolution, metric, bucket, node, labels). */
  private static final class SampleKey implements Comparable<SampleKey> {
    private static final Comparator<SampleKey> ORDER = Comparator
        .comparingInt((SampleKey k) -> k.resolution)
        .thenComparing(k -> k.metric)
        .thenComparingLong(k -> k.bucketMillis)
        .thenComparing(k -> k.node, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(k -> k.labels, Comparator.nullsFirst(Comparator.naturalOrder()));

    final int resolution;
    final String metric;
    final long bucketMillis;
    final String node;
    final String labels;

    private SampleKey(int resolution, String metric, long bucketMillis, String node, String labels) {
      this.resolution = resolution;
      this.metric = metric;
      this.bucketMillis = bucketMillis;
      this.node = node;
      this.labels = labels;
    }

    static SampleKey of(MetricSample s) {
      return new SampleKey(s.resolution().ordinal(), s.metric(), s.bucketStart().toEpochMilli(), s.node(),
          s.labels().toString());
    }

    static SampleKey lowest(Resolution r, String metric, Instant bucket) {
      return new SampleKey(r.ordinal(), metric, bucket.toEpochMilli(), null, null);
    }

    @Override
    public int compareTo(SampleKey o) {
      return ORDER.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SampleKey && compareTo((SampleKey) o) == 0;
    }

    @Override
    public int hashCode() {
      return metric.hashCode() * 31 + Long.hashCode(bucketMillis);
    }
  }

  /** A dirty bucket's identity, ordered by resolution, then bucket start. */
  private record DirtyKey(int resolution, long bucketMillis) implements Comparable<DirtyKey> {
    static DirtyKey of(Resolution resolution, Instant bucket) {
      return new DirtyKey(resolution.ordinal(), bucket.toEpochMilli());
    }

    @Override
    public int compareTo(DirtyKey o) {
      int c = Integer.compare(resolution, o.resolution);
      return c != 0 ? c : Long.compare(bucketMillis, o.bucketMillis);
    }
  }

  /** Rows ordered newest first by (ts, id), capped, with cursor pages. */
  private static final class RowLog<T> {
    private final ConcurrentSkipListMap<RowKey, T> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int cap;
    private final AtomicLong evicted;

    RowLog(int cap, AtomicLong evicted) {
      this.cap = cap;
      this.evicted = evicted;
    }

    void add(Instant ts, T row) {
      rows.put(new RowKey(ts.toEpochMilli(), ids.incrementAndGet()), row);
      while (rows.size() > cap) {
        if (rows.pollLastEntry() != null) {
          evicted.incrementAndGet();
        }
      }
    }

    Page<T> page(Instant from, Instant to, String cursor, int limit, Predicate<T> filter) {
      NavigableMap<RowKey, T> view = window(from, to);
      if (cursor != null) {
        Page.Cursor c = Page.Cursor.decode(cursor);
        view = view.tailMap(new RowKey(c.tsMillis(), c.id()), false);
      }
      List<T> items = new ArrayList<>(limit);
      RowKey last = null;
      for (Map.Entry<RowKey, T> e : view.entrySet()) {
        if (!filter.test(e.getValue())) {
          continue;
        }
        if (items.size() == limit) {
          return new Page<>(items, new Page.Cursor(last.ts, last.id).encode());
        }
        items.add(e.getValue());
        last = e.getKey();
      }
      return new Page<>(items, null);
    }

    List<T> list(Instant from, Instant to, int limit, Predicate<T> filter) {
      List<T> out = new ArrayList<>();
      for (T row : window(from, to).values()) {
        if (filter.test(row)) {
          out.add(row);
          if (out.size() == limit) {
            break;
          }
        }
      }
      return out;
    }

    StoreStats.TableStats stats(String name) {
      Map.Entry<RowKey, T> newest = rows.firstEntry();
      Map.Entry<RowKey, T> oldest = rows.lastEntry();
      return new StoreStats.TableStats(name, (long) rows.size(), null,
          oldest == null ? null : Instant.ofEpochMilli(oldest.getKey().ts),
          newest == null ? null : Instant.ofEpochMilli(newest.getKey().ts));
    }

    long deleteOlderThan(Instant cutoff, int maxRows) {
      long n = 0;
      NavigableMap<RowKey, T> old = rows.tailMap(new RowKey(cutoff.toEpochMilli(), Long.MAX_VALUE), false);
      while (n < maxRows && old.pollLastEntry() != null) {
        n++;
      }
      return n;
    }

    /** Rows with ts in [from, to): in newest-first order, from (to - 1ms, max id) down to (from, 0). */
    private NavigableMap<RowKey, T> window(Instant from, Instant to) {
      return rows.subMap(new RowKey(to.toEpochMilli() - 1, Long.MAX_VALUE), true,
          new RowKey(from.toEpochMilli(), Long.MIN_VALUE), true);
    }
  }

  /** Newest first: descending ts, then descending id. */
  private record RowKey(long ts, long id) implements Comparable<RowKey> {
    @Override
    public int compareTo(RowKey o) {
      int c = Long.compare(o.ts, ts);
      return c != 0 ? c : Long.compare(o.id, id);
    }
  }

  /** Caps for {@link InMemoryStore}. */
  public static final class Builder {
    private int maxSamples = 2_000_000;
    private int maxRows = 200_000;
    private int maxAppliedBatches = 100_000;

    private Builder() {}

    /** Most metric samples kept (all resolutions). Default 2,000,000. */
    public Builder maxSamples(int maxSamples) {
      this.maxSamples = positive("maxSamples", maxSamples);
      return this;
    }

    /** Most rows kept of each of logs, traces and events. Default 200,000. */
    public Builder maxRows(int maxRows) {
      this.maxRows = positive("maxRows", maxRows);
      return this;
    }

    /** Most batch ids remembered for idempotency. Default 100,000. */
    public Builder maxAppliedBatches(int maxAppliedBatches) {
      this.maxAppliedBatches = positive("maxAppliedBatches", maxAppliedBatches);
      return this;
    }

    /** The store. */
    public InMemoryStore build() {
      return new InMemoryStore(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, was " + value);
      }
      return value;
    }
  }
}
