package dev.telemetry.rollup;

import static java.util.Objects.requireNonNull;

import dev.telemetry.internal.guard.Settings;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Deletes what is older than the retention: raw minute samples after {@code rawRetention}
 * (default 48 h), day rollups (metric day samples and event day rollups) after {@code
 * dayRetention} (default {@value #DEFAULT_DAY_RETENTION_DAYS} days), everything else after {@code
 * retention}. Deletes in chunks of {@code chunkSize}
 * rows through {@link TelemetryStore#deleteOlderThan} so no statement holds locks for long, and at
 * most {@code maxChunksPerKind} chunks per kind per run. Minute samples the rollup job has not
 * rolled up yet (after the {@code rollup.hour} watermark) are kept. After deleting it asks the
 * store to give the freed space back ({@link TelemetryStore#reclaimSpace()}: SQLite's incremental
 * vacuum) and records the run's end in the watermark {@value #LAST_RUN_WATERMARK}, so every node's
 * dashboard can tell when retention last ran. Runs in the background, never on a request path.
 *
 * <pre>{@code
 * RetentionJob retention = RetentionJob.builder(store, clock, Duration.ofDays(30)).build();
 * retention.start(executor); // hourly
 * }</pre>
 */
public final class RetentionJob {
  /** The watermark holding when a retention run last finished. */
  public static final String LAST_RUN_WATERMARK = "retention.last_run";
  /** How many days day rollups are kept unless configured otherwise. */
  public static final int DEFAULT_DAY_RETENTION_DAYS = 400;
  /** The longest day retention: ten years of day rollups. */
  public static final Duration MAX_DAY_RETENTION = Duration.ofDays(3660);

  private final TelemetryStore store;
  private final Clock clock;
  private final Duration retention;
  private final Duration rawRetention;
  private final Duration dayRetention;
  private final int chunkSize;
  private final int maxChunksPerKind;

  private RetentionJob(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.retention = b.retention;
    this.rawRetention = b.rawRetention;
    this.dayRetention = b.dayRetention;
    this.chunkSize = b.chunkSize;
    this.maxChunksPerKind = b.maxChunksPerKind;
  }

  /** A job deleting from {@code store} what is older than {@code retention} (1 hour to 30 days). */
  public static Builder builder(TelemetryStore store, Clock clock, Duration retention) {
    return new Builder(store, clock, retention);
  }

  /** Deletes old rows of every kind, within the per-run bound. */
  public RetentionReport runOnce() {
    Instant now = clock.instant();
    Map<DataKind, Long> deleted = new EnumMap<>(DataKind.class);
    boolean complete = true;
    for (DataKind kind : DataKind.values()) {
      Instant cutoff = cutoff(kind, now);
      long total = 0;
      int chunks = 0;
      long n;
      do {
        n = store.deleteOlderThan(kind, cutoff, chunkSize);
        total += n;
        chunks++;
      } while (n >= chunkSize && chunks < maxChunksPerKind);
      complete &= n < chunkSize;
      deleted.put(kind, total);
    }
    store.writeWatermark(LAST_RUN_WATERMARK, clock.instant());
    long reclaimed = deleted.values().stream().anyMatch(n -> n > 0) ? store.reclaimSpace() : 0;
    return new RetentionReport(now, deleted, complete, reclaimed, Duration.between(now, clock.instant()));
  }

  /** Runs {@link #runOnce()} every hour on {@code executor}, containing failures. */
  public ScheduledFuture<?> start(ScheduledExecutorService executor) {
    return start(executor, Duration.ofHours(1));
  }

  /** Runs {@link #runOnce()} every {@code interval} on {@code executor}, containing failures. */
  public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
    return Schedules.atFixedRate(executor, interval, "retention job", this::runOnce);
  }

  private Instant cutoff(DataKind kind, Instant now) {
    if (kind == DataKind.DAY_SAMPLES || kind == DataKind.EVENT_DAYS) {
      return now.minus(dayRetention);
    }
    if (kind != DataKind.MINUTE_SAMPLES) {
      return now.minus(retention);
    }
    Instant cutoff = now.minus(rawRetention.compareTo(retention) < 0 ? rawRetention : retention);
    Instant rolledUp = store.readWatermark(Watermarks.HOUR).orElse(cutoff);
    return rolledUp.isBefore(cutoff) ? rolledUp : cutoff;
  }

  /** Settings of a {@link RetentionJob}; each is checked when set. */
  public static final class Builder {
    private final TelemetryStore store;
    private final Clock clock;
    private final Duration retention;
    private Duration rawRetention = Duration.ofHours(48);
    private Duration dayRetention = Duration.ofDays(DEFAULT_DAY_RETENTION_DAYS);
    private int chunkSize = 10_000;
    private int maxChunksPerKind = 100;

    private Builder(TelemetryStore store, Clock clock, Duration retention) {
      this.store = requireNonNull(store, "store");
      this.clock = requireNonNull(clock, "clock");
      this.retention = Settings.within("retention", retention, Duration.ofHours(1), Duration.ofDays(30));
    }

    /** How long raw minute samples are kept. Default 48 hours; 1 hour to the retention. */
    public Builder rawRetention(Duration rawRetention) {
      this.rawRetention = Settings.within("rawRetention", rawRetention, Duration.ofHours(1), retention);
      return this;
    }

    /**
     * How long day rollups are kept: metric day samples and event day rollups, which answer long
     * ranges after the raw data is gone. Default {@value #DEFAULT_DAY_RETENTION_DAYS} days; from
     * the retention to {@link #MAX_DAY_RETENTION}.
     */
    public Builder dayRetention(Duration dayRetention) {
      this.dayRetention = Settings.within("dayRetention", dayRetention, retention, MAX_DAY_RETENTION);
      return this;
    }

    /** Rows per delete statement. Default 10,000; 1 to 100,000. */
    public Builder chunkSize(int rows) {
      if (rows < 1 || rows > 100_000) {
        throw new IllegalArgumentException("chunkSize must be between 1 and 100000, was " + rows);
      }
      this.chunkSize = rows;
      return this;
    }

    /** Most delete statements per kind per run. Default 100; 1 to 10,000. */
    public Builder maxChunksPerKind(int chunks) {
      if (chunks < 1 || chunks > 10_000) {
        throw new IllegalArgumentException("maxChunksPerKind must be between 1 and 10000, was " + chunks);
      }
      this.maxChunksPerKind = chunks;
      return this;
    }

    /** The job. */
    public RetentionJob build() {
      return new RetentionJob(this);
    }
  }

  /**
   * What one {@link RetentionJob#runOnce()} deleted.
   *
   * @param ranAt when the run started
   * @param deleted rows deleted per kind (every kind present, 0 when nothing was old)
   * @param complete whether every old row is gone (false when the per-run chunk bound was reached)
   * @param reclaimedBytes bytes the store gave back to the file system after deleting (0 when nothing
   *     was deleted or the store cannot tell)
   * @param took wall time of the run, by the job's clock
   */
  public record RetentionReport(Instant ranAt, Map<DataKind, Long> deleted, boolean complete, long reclaimedBytes, Duration took) {
    public RetentionReport {
      deleted = Map.copyOf(deleted);
    }

    /** Rows deleted across all kinds. */
    public long totalDeleted() {
      return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
