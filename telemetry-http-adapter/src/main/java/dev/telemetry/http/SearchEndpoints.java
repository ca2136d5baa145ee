package dev.telemetry.http;

import dev.telemetry.query.LogSearch;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TraceSearch;
import dev.telemetry.query.TraceSearch.TraceStatus;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Page;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /logs} and {@code /traces}: cursor-paginated searches, newest first. */
final class SearchEndpoints {
  static final List<String> LEVELS = List.of("warn", "error");
  static final List<String> TRACE_STATUSES = List.of("all", "error", "slow");
  static final int DEFAULT_LIMIT = 50;
  /** Longest {@code duration_min}, one hour in milliseconds. */
  static final int MAX_DURATION_MIN_MS = 3_600_000;

  static final Set<String> LOG_PARAMS =
      Set.of("level", "domain", "service", "from", "to", "range", "search", "trace_id", "cursor", "limit");
  static final Set<String> TRACE_PARAMS =
      Set.of("status", "domain", "route", "duration_min", "from", "to", "range", "trace_id", "cursor", "limit");

  private final DashboardContext context;
  private final TelemetryQueries queries;

  SearchEndpoints(DashboardContext context, TelemetryQueries queries) {
    this.context = context;
    this.queries = queries;
  }

  List<Endpoint> endpoints() {
    return List.of(Endpoint.view("/logs", LOG_PARAMS, this::logs), Endpoint.view("/traces", TRACE_PARAMS,
        this::traces));
  }

  static LogQuery logQuery(QueryParams p, DashboardContext context, int pageSize) {
    TimeWindow window = context.window(p, "24h");
    Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
    for (String level : p.choices("level", LEVELS)) {
      levels.add(LogLevel.valueOf(level.toUpperCase(Locale.ROOT)));
    }
    return LogQuery.range(window.from(), window.to(), pageSize).withLevels(levels).withDomain(p.text("domain"))
        .withService(p.text("service")).withSearch(p.text("search")).withTraceId(p.text("trace_id"))
        .withCursor(p.cursor("cursor"));
  }

  static TraceQuery traceQuery(QueryParams p, DashboardContext context, int pageSize) {
    TimeWindow window = context.window(p, "24h");
    String status = p.choice("status", "all", TRACE_STATUSES);
    double minMs = p.decimal("duration_min", 0, 0, MAX_DURATION_MIN_MS);
    if (status.equals("slow")) {
      minMs = Math.max(minMs, context.slowSpanThreshold().toNanos() / 1e6);
    }
    return TraceQuery.range(window.from(), window.to(), pageSize).withErrorsOnly(status.equals("error"))
        .withMinDurationMs(minMs).withDomain(p.text("domain")).withRoute(p.text("route"))
        .withTraceId(p.text("trace_id")).withCursor(p.cursor("cursor"));
  }

  private void logs(Exchange ex, QueryParams p) throws IOException {
    LogQuery q = logQuery(p, context, pageSize(p));
    Page<LogEvent> page = queries.logs(new LogSearch(range(q.from(), q.to(), p), q.levels(), q.domain(),
        q.service(), q.search(), q.traceId(), q.cursor(), q.limit()));
    RedactionPolicy policy = context.redaction();
    List<LogEvent> items = page.items().stream().map(e -> rescrub(e, policy)).toList();
    ex.json(200, pageBody(items, page, q.from(), q.to(), q.limit()));
  }

  private void traces(Exchange ex, QueryParams p) throws IOException {
    TraceQuery q = traceQuery(p, context, pageSize(p));
    TraceStatus status = TraceStatus.parse(p.choice("status", "all", TRACE_STATUSES));
    Page<TraceRecord> page = queries.traces(new TraceSearch(range(q.from(), q.to(), p), status, q.domain(),
        q.route(), p.decimal("duration_min", 0, 0, MAX_DURATION_MIN_MS), q.traceId(), q.cursor(), q.limit()));
    Map<String, Object> body = pageBody(page.items(), page, q.from(), q.to(), q.limit());
    body.put("slow_threshold_ms", queries.slowSpanThreshold().toMillis());
    ex.json(200, body);
  }

  /** The preset when one was asked for (so the engine ends it at its own now), else the explicit bounds. */
  private static QueryRange range(Instant from, Instant to, QueryParams p) {
    return p.has("range") || (!p.has("from") && !p.has("to"))
        ? QueryRange.last(TimeRange.parse(p.choice("range", "24h", TimeWindow.PRESETS)))
        : QueryRange.between(from, to);
  }

  private static int pageSize(QueryParams p) {
    return p.integer("limit", DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
  }

  static LogEvent rescrub(LogEvent e, RedactionPolicy policy) {
    return new LogEvent(e.ts(), e.level(), e.service(), e.node(), e.domain(), policy.scrub(e.event()),
        policy.scrub(e.message()), e.traceId(), e.spanId(), policy.filterAttributes(e.attrs()));
  }

  private static Map<String, Object> pageBody(List<?> items, Page<?> page, Instant from,
      Instant to, int limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from);
    body.put("to", to);
    body.put("limit", limit);
    body.put("items", items);
    body.put("next_cursor", page.nextCursor());
    body.put("has_more", page.hasMore());
    return body;
  }

  static Duration defaultSlowThreshold() {
    return Duration.ofSeconds(1);
  }
}
