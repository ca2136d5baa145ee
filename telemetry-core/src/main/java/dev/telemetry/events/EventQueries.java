package dev.telemetry.events;

import static java.util.Objects.requireNonNull;

import dev.telemetry.internal.guard.Settings;
import dev.telemetry.query.QueryException;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Questions about business events (DESIGN §4 {@code /events}): how many, by whom, broken down by a
 * dimension, per day, against the previous period; and which event types exist.
 *
 * <pre>{@code
 * EventAnalytics week = telemetry.events().analyze(
 *     EventAnalyticsQuery.of("swap_executed", QueryRange.last(TimeRange.LAST_7_DAYS)).by("token"));
 * }</pre>
 *
 * <p>Thread-safe; every call reads the store (bounded by {@link Builder#maxEventRows}) and may
 * block on it. Bad parameters throw {@link QueryException} naming the parameter.
 */
public final class EventQueries {
  private final Clock clock;
  private final Duration retention;
  private final Duration dayRetention;
  private final TelemetryStore store;
  private final EventAnalyzer analyzer;

  private EventQueries(Builder b) {
    this.clock = b.clock;
    this.retention = b.retention;
    this.dayRetention = b.dayRetention;
    this.store = b.store;
    this.analyzer = new EventAnalyzer(b.store, b.maxEventRows);
  }

  /** Event questions over {@code store}; a {@code Telemetry} instance offers its own as {@code events()}. */
  public static Builder builder(TelemetryStore store, Clock clock, Duration retention) {
    return new Builder(store, clock, retention);
  }

  /**
   * Count, distinct subjects, breakdown with percentages, success rate and per-day series of one
   * event type. The range may reach back as far as the day rollups are kept (the day retention,
   * default 400 days; {@link TimeRange#ALL_TIME} is all of it): whole days past the raw events'
   * retention are answered from the daily event rollups ({@link EventAnalytics#rolledUpBefore()}).
   */
  public EventAnalytics analyze(EventAnalyticsQuery q) {
    Instant now = clock.instant();
    QueryRange w = requireNonNull(q.range(), "range").resolve(Clock.fixed(now, ZoneOffset.UTC), dayRetention);
    return analyzer.analyze(q, w, now.minus(retention), now.minus(dayRetention));
  }

  /**
   * The event types with events in {@code range}, most frequent first, at most {@code limit}
   * (1..{@value TelemetryQueries#MAX_RANKING}).
   */
  public EventTypes types(QueryRange range, int limit) {
    QueryRange w = resolve(range);
    if (limit < 1 || limit > TelemetryQueries.MAX_RANKING) {
      throw new QueryException("limit", "must be between 1 and " + TelemetryQueries.MAX_RANKING + ", was " + limit);
    }
    return new EventTypes(w.from(), w.to(), store.readEventTypes(w.from(), w.to(), limit), limit);
  }

  private QueryRange resolve(QueryRange range) {
    return requireNonNull(range, "range").resolve(clock, retention);
  }

  /**
   * The business-event types seen in a range ({@code /events/types}): what {@code /events?type=}
   * can be asked about.
   *
   * @param from range start
   * @param to range end (exclusive)
   * @param types most frequent first, each with its count, dimension keys and newest event
   * @param limit most types listed; {@code types.size() == limit} means there may be more
   */
  public record EventTypes(Instant from, Instant to, List<EventTypeCount> types, int limit) {
    public EventTypes {
      types = List.copyOf(types);
    }
  }

  /** Optional settings of {@link EventQueries}; each is checked when set. */
  public static final class Builder {
    private final TelemetryStore store;
    private final Clock clock;
    private final Duration retention;
    private int maxEventRows = 100_000;
    private Duration dayRetention = Duration.ofDays(RetentionJob.DEFAULT_DAY_RETENTION_DAYS);

    private Builder(TelemetryStore store, Clock clock, Duration retention) {
      this.store = requireNonNull(store, "store");
      this.clock = requireNonNull(clock, "clock");
      this.retention = Settings.within("retention", retention, Duration.ofHours(1), Duration.ofDays(30));
    }

    /**
     * How long the daily event rollups are kept (the retention job's {@code dayRetention}): how far
     * back {@link #analyze} may reach. Default {@value RetentionJob#DEFAULT_DAY_RETENTION_DAYS} days;
     * from the retention to {@link RetentionJob#MAX_DAY_RETENTION}.
     */
    public Builder dayRetention(Duration dayRetention) {
      this.dayRetention = Settings.within("dayRetention", dayRetention, retention, RetentionJob.MAX_DAY_RETENTION);
      return this;
    }

    /** Most events one analytics query reads. Default 100,000; 1 to {@value EventQuery#MAX_LIMIT}. */
    public Builder maxEventRows(int rows) {
      if (rows < 1 || rows > EventQuery.MAX_LIMIT) {
        throw new IllegalArgumentException("maxEventRows must be between 1 and " + EventQuery.MAX_LIMIT
            + ", was " + rows);
      }
      this.maxEventRows = rows;
      return this;
    }

    /** The event queries. */
    public EventQueries build() {
      return new EventQueries(this);
    }
  }
}
