package dev.telemetry.query;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.internal.sample.SampleAccumulator;
import dev.telemetry.internal.status.ErrorRate;
import dev.telemetry.query.TelemetryQueries.TopErrors.ErrorCategory;
import dev.telemetry.query.TelemetryQueries.TopRoutes.RouteStats;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.TelemetryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import dev.telemetry.query.TelemetryQueries.TopErrors;
import dev.telemetry.query.TelemetryQueries.TopRoutes;
import dev.telemetry.query.TelemetryQueries.RouteSort;

/** Top routes and top errors: whole-range aggregates of the golden-signal metrics. */
final class Rankings {
  /** Most ERROR log rows scanned for {@code topErrors}. */
  static final int MAX_LOG_ROWS = 10_000;

  private final TelemetryStore store;
  private final MetricContract contract;
  private final TrendEngine trends;

  Rankings(TelemetryStore store, MetricContract contract, TrendEngine trends) {
    this.store = store;
    this.contract = contract;
    this.trends = trends;
  }

  TopRoutes topRoutes(Window w, RouteSort sort, int limit) {
    Optional<MetricDefinition> latency = signalMetric(GoldenSignal.LATENCY, null);
    Optional<MetricDefinition> traffic = signalMetric(GoldenSignal.TRAFFIC, null);
    Optional<MetricDefinition> errors = signalMetric(GoldenSignal.ERRORS, null);
    Map<String, SampleAccumulator> latencyByRoute = byLabel(latency, null, w);
    Map<String, SampleAccumulator> trafficByRoute = traffic.isPresent() ? byLabel(traffic, null, w) : latencyByRoute;
    Map<String, SampleAccumulator> errorsByRoute = byLabel(errors, null, w);
    Set<String> routes = new TreeSet<>(latencyByRoute.keySet());
    routes.addAll(trafficByRoute.keySet());
    routes.addAll(errorsByRoute.keySet());
    MetricKind trafficKind = traffic.or(() -> latency).map(MetricDefinition::kind).orElse(MetricKind.HISTOGRAM);
    double seconds = w.span().toMillis() / 1000.0;
    List<RouteStats> stats = new ArrayList<>(routes.size());
    for (String route : routes) {
      SampleAccumulator t = trafficByRoute.get(route);
      long count = t == null ? 0 : trafficKind == MetricKind.COUNTER ? Math.round(t.sum()) : t.count();
      SampleAccumulator e = errorsByRoute.get(route);
      long failed = e == null ? 0 : Math.round(e.sum());
      SampleAccumulator l = latencyByRoute.get(route);
      stats.add(new RouteStats(route, count, failed, count == 0 ? null : ErrorRate.fraction(failed, count),
          l == null ? null : l.quantile(0.95), count / seconds));
    }
    stats.sort(order(sort));
    return new TopRoutes(w.from(), w.to(), sort, latency.map(d -> d.unit().suffix()).orElse(""),
        stats.subList(0, Math.min(limit, stats.size())), stats.size());
  }

  TopErrors topErrors(Window w, int limit) {
    List<ErrorCategory> categories = new ArrayList<>();
    Optional<MetricDefinition> errors = signalMetric(GoldenSignal.ERRORS, StandardMetrics.ERROR_TYPE);
    byLabel(errors, StandardMetrics.ERROR_TYPE, w).forEach((type, acc) ->
        categories.add(new ErrorCategory(ErrorCategory.METRIC, type, Math.round(acc.sum()))));
    Map<String, long[]> byEvent = new HashMap<>();
    LogQuery q = LogQuery.range(w.from(), w.to(), Page.MAX_LIMIT).withLevels(Set.of(LogLevel.ERROR));
    int scanned = 0;
    boolean truncated = false;
    while (true) {
      Page<LogEvent> page = store.readLogs(q);
      for (LogEvent e : page.items()) {
        byEvent.computeIfAbsent(e.event(), k -> new long[1])[0]++;
      }
      scanned += page.items().size();
      if (!page.hasMore()) {
        break;
      }
      if (scanned >= MAX_LOG_ROWS) {
        truncated = true;
        break;
      }
      q = q.withCursor(page.nextCursor());
    }
    byEvent.forEach((event, n) -> categories.add(new ErrorCategory(ErrorCategory.LOG, event, n[0])));
    categories.sort(Comparator.comparingLong(ErrorCategory::count).reversed()
        .thenComparing(ErrorCategory::source).thenComparing(ErrorCategory::name));
    return new TopErrors(w.from(), w.to(), categories.subList(0, Math.min(limit, categories.size())), truncated,
        MAX_LOG_ROWS);
  }

  /** The first metric of {@code signal} that has the route label (and {@code extraKey}, if given). */
  private Optional<MetricDefinition> signalMetric(GoldenSignal signal, String extraKey) {
    return contract.bySignal(signal).stream()
        .filter(d -> d.routeLabel() != null && d.labelIndex(d.routeLabel()) >= 0)
        .filter(d -> extraKey == null || d.labelIndex(extraKey) >= 0)
        .findFirst();
  }

  /** Samples of {@code def} over the window merged per value of {@code key} (the route label when null). */
  private Map<String, SampleAccumulator> byLabel(Optional<MetricDefinition> def, String key, Window w) {
    Map<String, SampleAccumulator> out = new HashMap<>();
    if (def.isEmpty()) {
      return out;
    }
    String label = key != null ? key : def.get().routeLabel();
    for (MetricSample s : trends.read(def.get().name(), w.from(), w.to(), Resolution.DAY, Map.of(), null)) {
      out.computeIfAbsent(s.labels().getOrDefault(label, ""), k -> new SampleAccumulator())
          .add(s.count(), s.sum(), s.min(), s.max(), s.last(), s.bucketStart().toEpochMilli(), s.sketch());
    }
    return out;
  }

  private static Comparator<RouteStats> order(RouteSort sort) {
    Comparator<RouteStats> byRoute = Comparator.comparing(RouteStats::route);
    switch (sort) {
      case LATENCY:
        return Comparator.comparing(RouteStats::p95, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(byRoute);
      case ERRORS:
        return Comparator.comparingLong(RouteStats::errors).reversed()
            .thenComparing(RouteStats::errorRate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(byRoute);
      default:
        return Comparator.comparingLong(RouteStats::count).reversed().thenComparing(byRoute);
    }
  }
}
