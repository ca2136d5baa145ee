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
