package dev.telemetry.rollup;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.internal.guard.Settings;
import dev.telemetry.internal.sample.SampleAccumulator;
import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Merges minute samples into hour samples and hour samples into day samples, per series
 * (metric, node, labels), by merging sketches and adding counts and sums; and sums each complete
 * UTC day of business events into event day rollups ({@link dev.telemetry.store.EventDayRollup},
 * watermark {@code rollup.event_day}, starting the day lookback back), which the retention keeps
 * past the raw events.
 *
 * <p>A bucket is rolled up once it is complete and a grace period has passed (late flushes from
 * other nodes). Progress is kept in store watermarks ({@code rollup.hour}, {@code rollup.day}), so
 * a new instance resumes where the last one stopped. Each run handles at most {@code
 * maxBucketsPerRun} buckets per resolution.
 *
 * <p><b>Late data.</b> A write of finer samples marks their hour (or day) dirty in the store (see
 * {@link dev.telemetry.store.DirtyBucket}). After advancing, each run re-merges at most {@code
 * maxRepairsPerRun} dirty buckets per resolution behind the watermark: hours from minutes first,
 * then days from hours. Every merge, scheduled, repair or {@link #rebuild}, runs under a mark and
 * writes only if no finer sample changed meanwhile, so jobs on several nodes, or a rebuild beside
 * the scheduled job, may run at once over one store: the result is the full recompute, whoever
 * wins. A bucket whose finer samples are no longer all kept (older than the lookback) is not
 * recomputed; its mark is dropped and counted.
 *
 * <pre>{@code
 * RollupJob rollups = RollupJob.builder(store, contract, clock).build();
 * rollups.start(executor, Duration.ofMinutes(5));
 * RebuildReport repaired = rollups.rebuild(Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T12:00:00Z"));
 * }</pre>
 */
public final class RollupJob {
  /** Longest range one {@link #rebuild} call recomputes: a week of hours. */
  public static final Duration MAX_REBUILD_RANGE = Duration.ofDays(7);
  /**
   * Buckets this close to the lookback are not recomputed: retention may be deleting their finer
   * samples while they are read.
   */
  private static final Duration HORIZON_MARGIN = Duration.ofHours(1);

  private final TelemetryStore store;
  private final MetricContract contract;
  private final Clock clock;
  private final Duration grace;
  private final Duration hourLookback;
  private final Duration dayLookback;
  private final int maxBucketsPerRun;
  private final int maxRepairsPerRun;

  private RollupJob(Builder b) {
    this.store = b.store;
    this.contract = b.contract;
    this.clock = b.clock;
    this.grace = b.grace;
    this.hourLookback = b.hourLookback;
    this.dayLookback = b.dayLookback;
    this.maxBucketsPerRun = b.maxBucketsPerRun;
    this.maxRepairsPerRun = b.maxRepairsPerRun;
  }

  /** A job over {@code store} for the metrics of {@code contract}. */
  public static Builder builder(TelemetryStore store, MetricContract contract, Clock clock) {
    return new Builder(store, contract, clock);
  }

  /**
   * Rolls up every complete bucket not rolled up yet, then re-merges dirty buckets behind the
   * watermarks, within the per-run bounds. Store read failures propagate as {@link
   * dev.telemetry.store.StoreException}; write failures end the run and are reported.
   */
  public RollupReport runOnce() {
    Instant started = clock.instant();
    Level hours = roll(Resolution.HOUR, started, null);
    Level days = hours.failure.isEmpty()
        ? roll(Resolution.DAY, started, hours.watermark)
        : new Level(0, 0, 0, 0, store.readWatermark(Watermarks.DAY).orElse(null), false, "");
    EventDayRollups.Pass events = EventDayRollups.roll(store, started, grace, dayLookback, maxBucketsPerRun);
    return new RollupReport(hours.rolled, days.rolled, hours.repaired, days.repaired,
        hours.dropped + days.dropped, hours.samples + days.samples, hours.watermark, days.watermark,
        hours.caughtUp && days.caughtUp && events.caughtUp(), hours.failure.isEmpty() ? days.failure : hours.failure,
        Duration.between(started, clock.instant()), events.daysRolled(), events.watermark(), events.failure());
  }

  /**
   * Recomputes the hours in {@code [from, to)} from their minute samples, then the days that
   * overlap the range from their hour samples: the operator's repair after lost, deleted or
   * suspect rollups. Only buckets already rolled up (behind the watermarks) are recomputed; later
   * ones are the scheduled job's. Safe beside the scheduled job and on several nodes at once;
   * running it twice changes nothing.
   *
   * @param from start, at or after the oldest hour whose minutes are kept (the hour lookback,
   *     default 48 h, less one hour)
   * @param to end, after {@code from}, not in the future, at most {@link #MAX_REBUILD_RANGE} after it
   * @throws IllegalArgumentException naming the bound a range breaks
   */
  public RebuildReport rebuild(Instant from, Instant to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    Instant now = clock.instant();
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("rebuild range is empty: from " + from + " must be before to " + to);
    }
    if (to.isAfter(now)) {
      throw new IllegalArgumentException("rebuild range ends in the future: to " + to + " is after now " + now);
    }
    if (Duration.between(from, to).compareTo(MAX_REBUILD_RANGE) > 0) {
      throw new IllegalArgumentException("rebuild range is longer than " + MAX_REBUILD_RANGE + ": " + from + " to "
          + to + "; rebuild it a week at a time");
    }
    Instant hourHorizon = horizon(Resolution.HOUR, now);
    if (from.isBefore(hourHorizon)) {
      throw new IllegalArgumentException("rebuild range starts before " + hourHorizon + ": from " + from
          + " is beyond the minute samples kept (" + hourLookback + "), so its hours cannot be recomputed");
    }
    Level hours = rebuild(Resolution.HOUR, Resolution.HOUR.bucketStart(from), to, now);
    Level days = hours.failure.isEmpty()
        ? rebuild(Resolution.DAY, Resolution.DAY.bucketStart(from), to, now)
        : new Level(0, 0, 0, 0, null, false, "");
    return new RebuildReport(Resolution.HOUR.bucketStart(from), to, hours.rolled, days.rolled,
        hours.samples + days.samples, hours.failure.isEmpty() ? days.failure : hours.failure,
        Duration.between(now, clock.instant()));
  }

  /** Runs {@link #runOnce()} every {@code interval} on {@code executor}, containing failures. */
  public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
    return Schedules.atFixedRate(executor, interval, "rollup job", this::runOnce);
  }

  /** Advances the watermark of {@code target}, then repairs dirty buckets behind it. */
  private Level roll(Resolution target, Instant now, Instant sourceComplete) {
    Duration lookback = target == Resolution.HOUR ? hourLookback : dayLookback;
    String name = Watermarks.nameOf(target);
    Instant watermark = store.readWatermark(name).orElse(target.bucketStart(now.minus(lookback)));
    Instant limit = now.minus(grace);
    if (sourceComplete != null && sourceComplete.isBefore(limit)) {
      limit = sourceComplete;
    }
    int rolled = 0;
    long written = 0;
    while (!watermark.plus(target.width()).isAfter(limit)) {
      if (rolled == maxBucketsPerRun) {
        return new Level(rolled, 0, 0, written, watermark, false, "");
      }
      Merge merge = mergeUnderNewMark(target, watermark);
      Instant next = watermark.plus(target.width());
      StoreResult result = merge.result.success() ? store.writeWatermark(name, next) : merge.result;
      if (!result.success()) {
        return new Level(rolled, 0, 0, written, watermark, false, result.message());
      }
      watermark = next;
      rolled++;
      written += merge.samples;
    }
    return repair(target, now, new Level(rolled, 0, 0, written, watermark, true, ""));
  }

  /** Re-merges (or drops, past the horizon) at most {@code maxRepairsPerRun} dirty buckets behind the watermark. */
  private Level repair(Resolution target, Instant now, Level advanced) {
    List<DirtyBucket> marks = store.readDirtyBuckets(target, Instant.EPOCH, advanced.watermark, maxRepairsPerRun + 1);
    Instant horizon = horizon(target, now);
    int repaired = 0;
    int dropped = 0;
    long written = advanced.samples;
    for (DirtyBucket mark : marks.subList(0, Math.min(marks.size(), maxRepairsPerRun))) {
      boolean recompute = !mark.bucketStart().isBefore(horizon);
      Merge merge = recompute ? merge(mark) : new Merge(store.replaceDirtyBucket(mark, List.of()), 0);
      if (!merge.result.success()) {
        return new Level(advanced.rolled, repaired, dropped, written, advanced.watermark, false,
            merge.result.message());
      }
      repaired += recompute ? 1 : 0;
      dropped += recompute ? 0 : 1;
      written += merge.samples;
    }
    return new Level(advanced.rolled, repaired, dropped, written, advanced.watermark,
        advanced.caughtUp && marks.size() <= maxRepairsPerRun, "");
  }

  /** Recomputes the buckets of {@code target} from {@code first} while they start before {@code to} and lie behind the watermark. */
  private Level rebuild(Resolution target, Instant first, Instant to, Instant now) {
    Instant watermark = store.readWatermark(Watermarks.nameOf(target)).orElse(first);
    Instant horizon = horizon(target, now);
    int rebuilt = 0;
    long written = 0;
    for (Instant bucket = first; bucket.isBefore(to) && !bucket.plus(target.width()).isAfter(watermark);
        bucket = bucket.plus(target.width())) {
      if (bucket.isBefore(horizon)) {
        continue;
      }
      Merge merge = mergeUnderNewMark(target, bucket);
      if (!merge.result.success()) {
        return new Level(rebuilt, 0, 0, written, watermark, false, merge.result.message());
      }
      rebuilt++;
      written += merge.samples;
    }
    return new Level(rebuilt, 0, 0, written, watermark, true, "");
  }

  /** Marks the bucket, then merges it under that mark: so every merge is guarded, even of a bucket no write marked. */
  private Merge mergeUnderNewMark(Resolution target, Instant bucket) {
    StoreResult marked = store.markDirty(target, bucket);
    if (!marked.success()) {
      return new Merge(marked, 0);
    }
    List<DirtyBucket> mark = store.readDirtyBuckets(target, bucket, bucket.plus(target.width()), 1);
    // No mark: another rollup merged the bucket after our mark, with everything we would have read.
    return mark.isEmpty() ? new Merge(StoreResult.ok(), 0) : merge(mark.get(0));
  }

  /** Reads the finer samples after the mark was read, and writes their merge only if the mark is unchanged. */
  private Merge merge(DirtyBucket mark) {
    List<MetricSample> rollups = mergedBucket(mark.resolution(), mark.bucketStart());
    return new Merge(store.replaceDirtyBucket(mark, rollups), rollups.size());
  }

  /** {@code null}: every node's own rows; then the node-merged rows. */
  private static final String[] NODES_AND_CLUSTER = {null, SampleQuery.CLUSTER};

  private List<MetricSample> mergedBucket(Resolution target, Instant bucket) {
    Instant end = bucket.plus(target.width());
    List<MetricSample> out = new ArrayList<>();
    for (MetricDefinition def : contract.definitions()) {
      Map<NodeSeries, SampleAccumulator> series = new LinkedHashMap<>();
      // each node's series, then the node-merged series (ADR 0018): rolled up alike, each into its own row
      for (String node : NODES_AND_CLUSTER) {
        for (MetricSample s : store.readSamples(new SampleQuery(def.name(), target.finer(), bucket, end, Map.of(),
            node))) {
          series.computeIfAbsent(new NodeSeries(s.node(), s.labels()), k -> new SampleAccumulator())
              .add(s.count(), s.sum(), s.min(), s.max(), s.last(), s.bucketStart().toEpochMilli(), s.sketch());
        }
      }
      series.forEach((key, acc) ->
          out.add(new MetricSample(bucket, target, def.name(), key.node(), key.labels(), def.kind(), acc.count(),
              acc.sum(), acc.min(), acc.max(), acc.last(), acc.sketch())));
    }
    return out;
  }

  /** The oldest bucket of {@code target} whose finer samples are all still kept. */
  private Instant horizon(Resolution target, Instant now) {
    Duration lookback = target == Resolution.HOUR ? hourLookback : dayLookback;
    return now.minus(lookback).plus(HORIZON_MARGIN);
  }

  /** One series of the metric being rolled up: a node's (or the cluster's) label set. */
  private record NodeSeries(String node, Map<String, String> labels) {}

  private record Merge(StoreResult result, long samples) {}

  private record Level(int rolled, int repaired, int dropped, long samples, Instant watermark, boolean caughtUp,
      String failure) {}

  /** Settings of a {@link RollupJob}; each is checked when set. */
  public static final class Builder {
    private final TelemetryStore store;
    private final MetricContract contract;
    private final Clock clock;
    private Duration grace = Duration.ofMinutes(2);
    private Duration hourLookback = Duration.ofHours(48);
    private Duration dayLookback = Duration.ofDays(30);
    private int maxBucketsPerRun = 168;
    private int maxRepairsPerRun = 100;

    private Builder(TelemetryStore store, MetricContract contract, Clock clock) {
      this.store = requireNonNull(store, "store");
      this.contract = requireNonNull(contract, "contract");
      this.clock = requireNonNull(clock, "clock");
    }

    /**
     * How long after a bucket ends before it is rolled up, so late flushes from other nodes land
     * first. Default 2 minutes; 0 to 1 hour.
     */
    public Builder grace(Duration grace) {
      this.grace = Settings.within("grace", grace, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * How long the finer samples are kept: minutes for hours (default 48 h, the raw retention),
     * hours for days (default 30 days, the longest retention). A job without a watermark starts
     * this far back, and a bucket older than this (less one hour) is never recomputed, because
     * some of its finer samples may be gone.
     */
    public Builder initialLookback(Duration hours, Duration days) {
      this.hourLookback = Settings.within("initialLookback.hours", hours, Duration.ofHours(1), Duration.ofDays(30));
      this.dayLookback = Settings.within("initialLookback.days", days, Duration.ofDays(1), Duration.ofDays(30));
      return this;
    }

    /** Most buckets rolled up per resolution in one run. Default 168 (a week of hours); 1 to 10,000. */
    public Builder maxBucketsPerRun(int buckets) {
      this.maxBucketsPerRun = between("maxBucketsPerRun", buckets);
      return this;
    }

    /** Most dirty buckets re-merged (or dropped) per resolution in one run. Default 100; 1 to 10,000. */
    public Builder maxRepairsPerRun(int buckets) {
      this.maxRepairsPerRun = between("maxRepairsPerRun", buckets);
      return this;
    }

    /** The job. */
    public RollupJob build() {
      return new RollupJob(this);
    }

    private static int between(String setting, int buckets) {
      if (buckets < 1 || buckets > 10_000) {
        throw new IllegalArgumentException(setting + " must be between 1 and 10000, was " + buckets);
      }
      return buckets;
    }
  }

  /**
   * What one {@link RollupJob#runOnce()} did.
   *
   * @param hoursRolled hour buckets written from minute samples as the hour watermark advanced
   * @param daysRolled day buckets written from hour samples as the day watermark advanced
   * @param hoursRepaired dirty hours behind the watermark re-merged from minutes (late data)
   * @param daysRepaired dirty days behind the watermark re-merged from hours
   * @param marksDropped dirty marks dropped without a merge because the bucket's finer samples are
   *     past the lookback (some may be deleted): late data that cannot reach that rollup any more
   * @param samplesWritten rollup samples computed and handed to the store (one per series and
   *     bucket); a merge the store skipped because newer data arrived meanwhile is counted too
   * @param hourWatermark hour rollups are complete before this, or {@code null} if none ran yet
   * @param dayWatermark day rollups are complete before this, or {@code null} if none ran yet
   * @param caughtUp whether every complete bucket is rolled up and every dirty one re-merged (false
   *     when a per-run bound or a store failure stopped the run early)
   * @param failure the store's failure message when a write failed, else empty
   * @param took wall time of the run, by the job's clock
   * @param eventDaysRolled UTC days whose event day rollups were written as their watermark advanced
   * @param eventDayWatermark event day rollups are complete before this, or {@code null} if none ran
   * @param eventDayFailure the store's failure message when an event day rollup failed (a store
   *     without event day rollups reports one every run), else empty; metric rollups are unaffected
   */
  public record RollupReport(
      int hoursRolled,
      int daysRolled,
      int hoursRepaired,
      int daysRepaired,
      int marksDropped,
      long samplesWritten,
      Instant hourWatermark,
      Instant dayWatermark,
      boolean caughtUp,
      String failure,
      Duration took,
      int eventDaysRolled,
      Instant eventDayWatermark,
      String eventDayFailure) {

    /** A report of metric rollups only. */
    public RollupReport(int hoursRolled, int daysRolled, int hoursRepaired, int daysRepaired, int marksDropped,
        long samplesWritten, Instant hourWatermark, Instant dayWatermark, boolean caughtUp, String failure,
        Duration took) {
      this(hoursRolled, daysRolled, hoursRepaired, daysRepaired, marksDropped, samplesWritten, hourWatermark,
          dayWatermark, caughtUp, failure, took, 0, null, "");
    }
  }

  /**
   * What one {@link RollupJob#rebuild} recomputed.
   *
   * @param from start of the range, aligned down to the hour
   * @param to end of the range as asked
   * @param hoursRebuilt hour buckets recomputed from minute samples
   * @param daysRebuilt day buckets recomputed from hour samples (the days overlapping the range)
   * @param samplesWritten rollup samples computed and handed to the store
   * @param failure the store's failure message when a write failed (the rebuild stopped there), else empty
   * @param took wall time of the call, by the job's clock
   */
  public record RebuildReport(
      Instant from,
      Instant to,
      int hoursRebuilt,
      int daysRebuilt,
      long samplesWritten,
      String failure,
      Duration took) {

    /** Whether every bucket asked for was recomputed. */
    public boolean complete() {
      return failure.isEmpty();
    }
  }
}
