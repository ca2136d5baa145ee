package dev.telemetry.query;

import java.time.Instant;
import java.util.List;

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
}
