package dev.telemetry.http;

import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.events.EventQueries.EventTypes;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries.RouteSort;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TrendQuery;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /trends}, {@code /top-routes}, {@code /top-errors}, {@code /events} and {@code
 * /events/types} over {@link TelemetryQueries}.
 */
final class QueryEndpoints {
  static final List<String> SORTS = List.of("latency", "errors", "traffic");
  static final Set<String> RANGE = Set.of("range", "from", "to");

  private final DashboardContext context;
  private final TelemetryQueries queries;
  private final EventQueries events;

  QueryEndpoints(DashboardContext context, TelemetryQueries queries, EventQueries events) {
    this.context = context;
    this.queries = queries;
    this.events = events;
  }

  List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("/trends", with("metric", "group_by", "node"), true, AuditEntry.VIEW, this::trends),
        Endpoint.view("/top-routes", with("sort", "limit"), this::topRoutes),
        Endpoint.view("/top-errors", with("limit"), this::topErrors),
        Endpoint.view("/events", with("type", "by", "limit", "compare", QueryParams.ANY_FILTER), this::events),
        Endpoint.view("/events/types", with("limit"), this::eventTypes));
  }

  private static Set<String> with(String... names) {
    Set<String> all = new HashSet<>(RANGE);
    all.addAll(List.of(names));
    return Set.copyOf(all);
  }

  /** The request's range, checked here first (400 naming the parameter) and then by the query engine. */
  QueryRange range(QueryParams p, String fallback) {
    return range(context, p, fallback);
  }

  static QueryRange range(DashboardContext context, QueryParams p, String fallback) {
    return asRange(context.window(p, fallback));
  }

  /** The request's range for a query day rollups answer: as long as the day retention. */
  static QueryRange longRange(DashboardContext context, QueryParams p, String fallback) {
    return asRange(context.longWindow(p, fallback));
  }

  private static QueryRange asRange(TimeWindow w) {
    return w.preset() != null ? QueryRange.last(TimeRange.parse(w.preset())) : QueryRange.between(w.from(), w.to());
  }

  private void trends(Exchange ex, QueryParams p) throws IOException {
    TrendQuery q = new TrendQuery(p.requiredText("metric"), range(p, "24h"), p.labels(), p.text("group_by"),
        p.text("node"));
    ex.json(200, queries.trend(q));
  }

  private void topRoutes(Exchange ex, QueryParams p) throws IOException {
    RouteSort sort = RouteSort.parse(p.choice("sort", "latency", SORTS));
    ex.json(200, queries.topRoutes(range(p, "24h"), sort, p.integer("limit", 10, 1, TelemetryQueries.MAX_RANKING)));
  }

  private void topErrors(Exchange ex, QueryParams p) throws IOException {
    ex.json(200, queries.topErrors(range(p, "24h"), p.integer("limit", 10, 1, TelemetryQueries.MAX_RANKING)));
  }

  private void events(Exchange ex, QueryParams p) throws IOException {
    EventAnalyticsQuery q = EventViews.query(p, "type", longRange(context, p, "24h"));
    ex.json(200, EventViews.rescrub(events.analyze(q), context.redaction()));
  }

  private void eventTypes(Exchange ex, QueryParams p) throws IOException {
    EventTypes types = events.types(range(p, "24h"), p.integer("limit", 100, 1, TelemetryQueries.MAX_RANKING));
    ex.json(200, EventViews.rescrub(types, context.redaction()));
  }
}
