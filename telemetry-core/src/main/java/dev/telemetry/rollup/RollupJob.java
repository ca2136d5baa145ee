package dev.telemetry.rollup;

import static java.util.Objects.requireNonNull;

import dev.telemetry.internal.guard.Settings;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.store.SampleAccumulator;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.SeriesKey;
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
 * (metric, node, labels), by merging sketches and adding counts and sums.
 *
 * <p>A bucket is rolled up once it is complete and a grace period has passed (late flushes from
 * other nodes). Rollups are written with {@link TelemetryStore#replaceSamples}, so running a
 * bucket again gives the same rows; progress is kept in store watermarks ({@code rollup.hour},
 * {@code rollup.day}), so a new instance resumes where the last one stopped. Each run handles at
 * most {@code maxBucketsPerRun} buckets per resolution. Not thread-safe: run it from one thread.
 *
 * <pre>{@code
 * RollupJob rollups = RollupJob.builder(store, contract, clock).build();
 * rollups.start(executor, Duration.ofMinutes(5));
 * }</pre>
 */
public final class RollupJob {
  private final TelemetryStore store;
  private final MetricContract contract;
  private final Clock clock;
  private final Duration grace;
  private final Duration hourLookback;
  private final Duration dayLookback;
  private final int maxBucketsPerRun;

  private RollupJob(Builder b) {
    this.store = b.store;
    this.contract = b.contract;
    this.clock = b.clock;
    this.grace = b.grace;
    this.hourLookback = b.hourLookback;
    this.dayLookback = b.dayLookback;
    this.maxBucketsPerRun = b.maxBucketsPerRun;
  }

  /** A job over {@code store} for the metrics of {@code contract}. */
  public static Builder builder(TelemetryStore store, MetricContract contract, Clock clock) {
    return new Builder(store, contract, clock);
  }

  /** Rolls up every complete bucket not rolled up yet, within the per-run bound. */
  public RollupReport runOnce() {
    Instant started = clock.instant();
    Progress hours = roll(Resolution.HOUR, Resolution.MINUTE, started.minus(hourLookback), null);
    Progress days = hours.failure.isEmpty()
        ? roll(Resolution.DAY, Resolution.HOUR, started.minus(dayLookback), hours.watermark)
        : new Progress(0, 0, store.readWatermark(Watermarks.DAY).orElse(null), false, "");
    return new RollupReport(hours.buckets, days.buckets, hours.samples + days.samples, hours.watermark,
        days.watermark, hours.caughtUp && days.caughtUp, hours.failure.isEmpty() ? days.failure : hours.failure,
        Duration.between(started, clock.instant()));
  }

  /** Runs {@link #runOnce()} every {@code interval} on {@code executor}, containing failures. */
  public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
    return Schedules.atFixedRate(executor, interval, "rollup job", this::runOnce);
  }

  private Progress roll(Resolution target, Resolution source, Instant lookback, Instant sourceComplete) {
    String name = Watermarks.nameOf(target);
    Instant watermark = store.readWatermark(name).orElse(target.bucketStart(lookback));
    Instant limit = clock.instant().minus(grace);
    if (sourceComplete != null && sourceComplete.isBefore(limit)) {
      limit = sourceComplete;
    }
    int buckets = 0;
    long written = 0;
    while (!watermark.plus(target.width()).isAfter(limit)) {
      if (buckets == maxBucketsPerRun) {
        return new Progress(buckets, written, watermark, false, "");
      }
      List<MetricSample> rollups = rollBucket(target, source, watermark);
      StoreResult result = rollups.isEmpty() ? StoreResult.ok() : store.replaceSamples(rollups);
      Instant next = watermark.plus(target.width());
      if (result.success()) {
        result = store.writeWatermark(name, next);
      }
      if (!result.success()) {
        return new Progress(buckets, written, watermark, false, result.message());
      }
      watermark = next;
      buckets++;
      written += rollups.size();
    }
    return new Progress(buckets, written, watermark, true, "");
  }

  private List<MetricSample> rollBucket(Resolution target, Resolution source, Instant bucket) {
    Instant end = bucket.plus(target.width());
    List<MetricSample> out = new ArrayList<>();
    for (MetricDefinition def : contract.definitions()) {
      Map<SeriesKey, SampleAccumulator> series = new LinkedHashMap<>();
      for (MetricSample s : store.readSamples(SampleQuery.of(def.name(), source, bucket, end))) {
        series.computeIfAbsent(s.seriesKey(), k -> new SampleAccumulator()).add(s);
      }
      series.forEach((key, acc) ->
          out.add(acc.toSample(bucket, target, key.metric(), key.node(), key.labels(), def.kind())));
    }
    return out;
  }

  private record Progress(int buckets, long samples, Instant watermark, boolean caughtUp, String failure) {}

  /** Settings of a {@link RollupJob}; each is checked when set. */
  public static final class Builder {
    private final TelemetryStore store;
    private final MetricContract contract;
    private final Clock clock;
    private Duration grace = Duration.ofMinutes(2);
    private Duration hourLookback = Duration.ofHours(48);
    private Duration dayLookback = Duration.ofDays(30);
    private int maxBucketsPerRun = 168;

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
     * Where a job without a watermark starts: this far back for hours (default 48 h, the raw
     * retention) and for days (default 30 days, the longest retention).
     */
    public Builder initialLookback(Duration hours, Duration days) {
      this.hourLookback = Settings.within("initialLookback.hours", hours, Duration.ofHours(1), Duration.ofDays(30));
      this.dayLookback = Settings.within("initialLookback.days", days, Duration.ofDays(1), Duration.ofDays(30));
      return this;
    }

    /** Most buckets rolled up per resolution in one run. Default 168 (a week of hours); 1 to 10,000. */
    public Builder maxBucketsPerRun(int buckets) {
      if (buckets < 1 || buckets > 10_000) {
        throw new IllegalArgumentException("maxBucketsPerRun must be between 1 and 10000, was " + buckets);
      }
      this.maxBucketsPerRun = buckets;
      return this;
    }

    /** The job. */
    public RollupJob build() {
      return new RollupJob(this);
    }

  }
}
