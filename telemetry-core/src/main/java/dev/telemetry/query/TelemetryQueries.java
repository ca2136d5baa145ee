package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.internal.guard.Settings;
import dev.telemetry.query.TraceSearch.TraceStatus;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.telemetry.store.StoreStats;
import java.util.List;

/**
 * The typed query API behind the dashboard: trends, top routes and errors, log and trace search,
 * trace correlation (business events have their own {@code events.EventQueries}). Every answer is
 * an immutable record of Instants, numbers, strings, lists and maps, so an HTTP adapter only serializes it. Absent statistics
 * (a percentile with no data) are {@code null}, never NaN.
 *
 * <p>Every range is checked against the clock and the retention, every page size and breakdown
 * is bounded; a bad parameter throws {@link QueryException} naming it. Thread-safe; each call
 * reads the store on the calling thread and may block on it.
 *
 * <pre>{@code
 * TelemetryQueries queries = TelemetryQueries.create(telemetry);
 * Trend p95ByRoute = queries.trend(
 *     TrendQuery.of("http_server_duration_seconds", QueryRange.last(TimeRange.LAST_24_HOURS)).groupBy("route"));
 * }</pre>
 */
public final class TelemetryQueries {
  /** Longest free-text search. */
  public static final int MAX_SEARCH_LENGTH = 256;
  /** Most entries a ranking returns. */
  public static final int MAX_RANKING = 100;

  private final Clock clock;
  private final Duration retention;
  private final Duration dayRetention;
  private final TrendEngine trends;
  private final Rankings rankings;
  private final Searches searches;
  private final Duration slowSpanThreshold;
  private final TelemetryStore store;

  private TelemetryQueries(Builder b) {
    this.clock = b.clock;
    this.retention = b.retention;
    this.dayRetention = b.dayRetention;
    this.slowSpanThreshold = b.slowSpanThreshold;
    this.store = b.store;
    this.trends = new TrendEngine(b.store, b.contract, b.clock, b.startedAt,
        b.closedStepCacheBytes == 0 ? null : new ClosedSteps(b.closedStepCacheBytes));
    this.rankings = new Rankings(b.store, b.contract, trends);
    this.searches = new Searches(b.store, b.slowSpanThreshold);
  }

  /** Settings for queries over {@code store}; a {@code Telemetry} instance offers its own as {@code queries()}. */
  public static Builder builder(TelemetryStore store, MetricContract contract, Clock clock, Duration retention) {
    return new Builder(store, contract, clock, retention);
  }

  /** A metric over time: at most ~300 points per series, at most {@value Trend#MAX_GROUPS} series. */
  public Trend trend(TrendQuery q) {
    return trends.trend(q, window(q.range()));
  }

  /**
   * The same as {@link #trend} with one point per series spanning the whole range, read from the
   * coarsest rollups that fit (day and hour buckets inside the range, minutes at the edges). The
   * range may reach back as far as the day rollups are kept (the day retention, default 400 days;
   * {@link TimeRange#ALL_TIME} is all of it); a range starting before the retention of the finer
   * samples starts at the next UTC midnight, since only whole days are kept that far back.
   */
  public Trend totals(TrendQuery q) {
    Instant now = clock.instant();
    Window w = longWindow(q.range(), now);
    Instant hoursKept = now.minus(retention);
    if (w.from().isBefore(hoursKept)) {
      Instant midnight = TrendEngine.ceil(Resolution.DAY, w.from());
      w = midnight.isBefore(w.to()) ? new Window(midnight, w.to()) : w;
    }
    return trends.totals(q, w);
  }

  /** Routes ranked by p95 latency, failed requests or traffic; {@code limit} 1 to 100. */
  public TopRoutes topRoutes(QueryRange range, RouteSort sort, int limit) {
    requireNonNull(sort, "sort");
    return rankings.topRoutes(window(range), sort, checkRanking(limit));
  }

  /** Error categories (errors metric by {@code error_type}, ERROR logs by event), most frequent first. */
  public TopErrors topErrors(QueryRange range, int limit) {
    return rankings.topErrors(window(range), checkRanking(limit));
  }

  /** One page of WARN/ERROR log events, newest first. */
  public Page<LogEvent> logs(LogSearch search) {
    return searches.logs(search, window(search.range()));
  }

  /** One page of the trace index, newest first. */
  public Page<TraceRecord> traces(TraceSearch search) {
    return searches.traces(search, window(search.range()));
  }

  /** Preset: spans in error or with status &gt;= 500 in the last hour, newest first. */
  public Page<TraceRecord> recentErrors(int limit) {
    return traces(TraceSearch.of(QueryRange.last(TimeRange.LAST_HOUR), limit).withStatus(TraceStatus.ERROR));
  }

  /** Preset: spans at least as long as the slow-span threshold in the last hour, newest first. */
  public Page<TraceRecord> recentSlow(int limit) {
    return traces(TraceSearch.of(QueryRange.last(TimeRange.LAST_HOUR), limit).withStatus(TraceStatus.SLOW));
  }

  /** The spans and logs of one trace within the retention, oldest first. */
  public Correlation correlate(String traceId) {
    return searches.correlate(traceId, new Window(clock.instant().minus(retention),
        clock.instant().plus(QueryRange.FUTURE_SLACK)));
  }

  /** The store's size and tables, the last retention run and the rollup watermarks. May scan; not for hot paths. */
  public StoreStatus storeStatus() {
    Instant now = clock.instant();
    return new StoreStatus(now, store.stats(), store.readWatermark(RetentionJob.LAST_RUN_WATERMARK).orElse(null),
        store.readWatermark(Watermarks.HOUR).orElse(null), store.readWatermark(Watermarks.DAY).orElse(null));
  }

  /** Spans at least this long are "slow". */
  public Duration slowSpanThreshold() {
    return slowSpanThreshold;
  }

  private Window window(QueryRange range) {
    return Window.resolve(requireNonNull(range, "range"), clock, retention);
  }

  /** A range checked against the day retention: for queries the day rollups can answer. */
  private Window longWindow(QueryRange range, Instant now) {
    return Window.resolve(requireNonNull(range, "range"), Clock.fixed(now, java.time.ZoneOffset.UTC), dayRetention);
  }

  /** How far back day rollups are kept, so how far back {@link #totals} and {@link #events} may reach. */
  public Duration dayRetention() {
    return dayRetention;
  }

  private static int checkRanking(int limit) {
    if (limit < 1 || limit > MAX_RANKING) {
      throw new QueryException("limit", "must be between 1 and " + MAX_RANKING + ", was " + limit);
    }
    return limit;
  }

  /** Optional settings of {@link TelemetryQueries}; each is checked when set. */
  public static final class Builder {
    private final TelemetryStore store;
    private final MetricContract contract;
    private final Clock clock;
    private final Duration retention;
    private Duration slowSpanThreshold = Duration.ofMillis(1000);
    private Instant startedAt;
    private Duration dayRetention = Duration.ofDays(RetentionJob.DEFAULT_DAY_RETENTION_DAYS);
    private long closedStepCacheBytes = ClosedSteps.DEFAULT_MAX_BYTES;

    private Builder(TelemetryStore store, MetricContract contract, Clock clock, Duration retention) {
      this.store = requireNonNull(store, "store");
      this.contract = requireNonNull(contract, "contract");
      this.clock = requireNonNull(clock, "clock");
      this.retention = Settings.within("retention", retention, Duration.ofHours(1), Duration.ofDays(30));
    }

    /** Spans at least this long are slow. Default 1000 ms; 1 ms to 1 hour. */
    public Builder slowSpanThreshold(Duration threshold) {
      this.slowSpanThreshold = Settings.within("slowSpanThreshold", threshold, Duration.ofMillis(1),
          Duration.ofHours(1));
      return this;
    }

    /**
     * How long day rollups are kept (the retention job's {@code dayRetention}): how far back
     * {@link #totals} and {@link #events} may reach. Default {@value
     * RetentionJob#DEFAULT_DAY_RETENTION_DAYS} days; from the retention to {@link
     * RetentionJob#MAX_DAY_RETENTION}.
     */
    public Builder dayRetention(Duration dayRetention) {
      this.dayRetention = Settings.within("dayRetention", dayRetention, retention, RetentionJob.MAX_DAY_RETENTION);
      return this;
    }

    /**
     * When this node started recording. Trend steps wholly after its start-up minute are vouched
     * for: without samples they are {@link TrendPoint.State#EMPTY} (a counter's zero) rather than
     * {@link TrendPoint.State#MISSING}. Unset (the default), no step is vouched for.
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = requireNonNull(startedAt, "startedAt");
      return this;
    }

    /**
     * Heap bytes for trend steps already merged that lie wholly behind the hour rollup watermark:
     * they are served again while the store's {@link TelemetryStore#rollupRevision} is unchanged,
     * so a 7 d or 30 d chart reads only its open edge from the store (ADR 0049). Default 16 MiB;
     * 0 turns the cache off; at most 1 GiB. A store without a revision is never cached.
     */
    public Builder closedStepCacheBytes(long bytes) {
      if (bytes < 0 || bytes > 1L << 30) {
        throw new IllegalArgumentException("closedStepCacheBytes must be between 0 and " + (1L << 30) + ", was "
            + bytes);
      }
      this.closedStepCacheBytes = bytes;
      return this;
    }

    /** The queries. */
    public TelemetryQueries build() {
      return new TelemetryQueries(this);
    }
  }

  /**
   * Everything stored under one trace id, oldest first.
   *
   * @param traceId the trace
   * @param spans its spans from the trace index (at most 100)
   * @param logs its WARN and ERROR log events (at most 100)
   * @param truncated whether either list was cut at 100
   */
  public record Correlation(String traceId, List<TraceRecord> spans, List<LogEvent> logs, boolean truncated) {
    public Correlation {
      spans = List.copyOf(spans);
      logs = List.copyOf(logs);
    }
  }

  /**
   * Ranked error categories from metrics and logs, most frequent first.
   *
   * @param from range start
   * @param to range end (exclusive)
   * @param categories at most the requested limit
   * @param truncated whether the ERROR log scan stopped at its row cap, so log counts are lower bounds
   * @param logScanCap the most ERROR log rows one ranking reads (the newest ones)
   */
  public record TopErrors(Instant from, Instant to, List<ErrorCategory> categories, boolean truncated,
      int logScanCap) {
    public TopErrors {
      categories = List.copyOf(categories);
    }

    /**
     * One kind of error and how often it happened.
     *
     * @param source {@value #METRIC} (the errors metric by {@code error_type}) or {@value #LOG} (ERROR
     *     log events by {@code event})
     * @param name the error type or event name ({@code ""} when unnamed)
     * @param count occurrences in the range
     */
    public record ErrorCategory(String source, String name, long count) {
      /** Counted from the contract's ERRORS metric. */
      public static final String METRIC = "metric";
      /** Counted from ERROR log events. */
      public static final String LOG = "log";
    }
  }

  /**
   * Ranked routes.
   *
   * @param from range start
   * @param to range end (exclusive)
   * @param sort the ranking
   * @param latencyUnit unit of {@code p95} ({@code seconds} …), empty without a latency metric
   * @param routes at most the requested limit, best-ranked first
   * @param totalRoutes how many routes had data in the range
   */
  public record TopRoutes(Instant from, Instant to, RouteSort sort, String latencyUnit, List<RouteStats> routes,
      int totalRoutes) {
    public TopRoutes {
      routes = List.copyOf(routes);
    }

    /**
     * One route's golden signals over a range.
     *
     * @param route the route template
     * @param count requests (the traffic metric, or the latency metric's count when there is none)
     * @param errors failed requests (the errors metric)
     * @param errorRate {@code errors / count}, {@code null} when {@code count} is 0
     * @param p95 95th percentile latency from merged sketches, in the latency metric's unit; {@code
     *     null} without latency data
     * @param rate requests per second over the range
     */
    public record RouteStats(String route, long count, long errors, Double errorRate, Double p95, double rate) {}
  }

  /**
   * The store and its upkeep at a glance ({@code /store}): its size and tables, when retention last
   * ran and how far the rollups have come.
   *
   * @param checkedAt when this was read
   * @param stats what the store says about itself (sizes, rows, oldest and newest row per table)
   * @param lastRetentionRun when the retention job last finished a run on any node, or {@code null}
   * @param hourRollupThrough hour rollups are complete before this instant, or {@code null}
   * @param dayRollupThrough day rollups are complete before this instant, or {@code null}
   */
  public record StoreStatus(Instant checkedAt, StoreStats stats, Instant lastRetentionRun, Instant hourRollupThrough,
      Instant dayRollupThrough) {}

  /** How {@link TelemetryQueries#topRoutes} ranks routes. */
  public enum RouteSort {
    /** Slowest p95 first. */
    LATENCY,
    /** Most failed requests first, then highest error rate. */
    ERRORS,
    /** Most requests first. */
    TRAFFIC;

    /**
     * The sort spelled {@code latency}, {@code errors} or {@code traffic}.
     *
     * @throws QueryException naming {@code sort} otherwise
     */
    public static RouteSort parse(String value) {
      for (RouteSort s : values()) {
        if (s.name().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new QueryException("sort", "must be one of latency, errors, traffic, was '" + value + "'");
    }
  }
}
