package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.ERRORS;
import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.QueryFixtures.REQUESTS;
import static dev.telemetry.query.TrendTest.assertParam;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.TelemetryQueries.TopErrors.ErrorCategory;
import dev.telemetry.query.TelemetryQueries.TopRoutes.RouteStats;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.telemetry.query.TelemetryQueries.TopErrors;
import dev.telemetry.query.TelemetryQueries.TopRoutes;
import dev.telemetry.query.TelemetryQueries.RouteSort;

class RankingsTest {
  private final QueryFixtures f = new QueryFixtures();
  private final TelemetryQueries queries = f.queries();
  private final Instant minute = NOW.minus(Duration.ofMinutes(5));
  private final QueryRange hour = QueryRange.last(TimeRange.LAST_HOUR);

  RankingsTest() {
    // /slow: few requests, slow, no errors; /busy: many requests, fast, some errors; /broken: all fail
    f.write(QueryFixtures.minuteLatency(minute, "a", labels("/slow"), 2, 3, 4),
        QueryFixtures.minuteLatency(minute, "a", labels("/busy"), 0.01, 0.02, 0.01, 0.02, 0.01, 0.02),
        QueryFixtures.minuteLatency(minute, "a", labels("/broken"), 0.5, 0.5),
        QueryFixtures.counter(REQUESTS, minute, Resolution.MINUTE, "a", labels("/slow"), 3),
        QueryFixtures.counter(REQUESTS, minute, Resolution.MINUTE, "a", labels("/busy"), 600),
        QueryFixtures.counter(REQUESTS, minute, Resolution.MINUTE, "a", labels("/broken"), 2),
        QueryFixtures.counter(ERRORS, minute, Resolution.MINUTE, "a", errorLabels("/busy", "timeout"), 6),
        QueryFixtures.counter(ERRORS, minute, Resolution.MINUTE, "a", errorLabels("/broken", "db_down"), 2));
  }

  private static Map<String, String> labels(String route) {
    return Map.of("route", route, "method", "GET", "status", "200");
  }

  private static Map<String, String> errorLabels(String route, String type) {
    return Map.of("route", route, "method", "GET", "error_type", type);
  }

  @Test
  void ranksRoutesByEachSort() {
    assertThat(queries.topRoutes(hour, RouteSort.LATENCY, 10).routes()).extracting(RouteStats::route)
        .containsExactly("/slow", "/broken", "/busy");
    assertThat(queries.topRoutes(hour, RouteSort.TRAFFIC, 10).routes()).extracting(RouteStats::route)
        .containsExactly("/busy", "/slow", "/broken");
    assertThat(queries.topRoutes(hour, RouteSort.ERRORS, 10).routes()).extracting(RouteStats::route)
        .containsExactly("/busy", "/broken", "/slow");
  }

  @Test
  void reportsCountErrorRateP95AndRate() {
    TopRoutes top = queries.topRoutes(hour, RouteSort.TRAFFIC, 1);
    assertThat(top.totalRoutes()).isEqualTo(3);
    assertThat(top.latencyUnit()).isEqualTo("seconds");
    RouteStats busy = top.routes().get(0);
    assertThat(busy.count()).isEqualTo(600);
    assertThat(busy.errors()).isEqualTo(6);
    assertThat(busy.errorRate()).isEqualTo(0.01);
    assertThat(busy.p95()).isEqualTo(0.02);
    assertThat(busy.rate()).isEqualTo(600 / 3600.0);
  }

  @Test
  void topErrorsMergesMetricCategoriesAndErrorLogEvents() {
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      logs.add(new LogEvent(minute.plusSeconds(i), LogLevel.ERROR, "svc", "a", "pay", "charge_failed", "x", null,
          null, Map.of()));
    }
    logs.add(new LogEvent(minute, LogLevel.WARN, "svc", "a", "pay", "slow_charge", "x", null, null, Map.of()));
    f.store.write(new WriteBatch("logs", "a", List.of(), logs, List.of(), List.of(), List.of()));

    TopErrors top = queries.topErrors(hour, 10);
    assertThat(top.categories()).containsExactly(
        new ErrorCategory(ErrorCategory.METRIC, "timeout", 6),
        new ErrorCategory(ErrorCategory.LOG, "charge_failed", 4),
        new ErrorCategory(ErrorCategory.METRIC, "db_down", 2));
    assertThat(top.truncated()).isFalse();
    assertThat(queries.topErrors(hour, 1).categories()).hasSize(1);
  }

  @Test
  void boundsTheLimitAndParsesTheSort() {
    assertParam(() -> queries.topRoutes(hour, RouteSort.LATENCY, 101), "limit");
    assertParam(() -> queries.topErrors(hour, 0), "limit");
    assertParam(() -> RouteSort.parse("slowest"), "sort");
    assertThat(RouteSort.parse("errors")).isEqualTo(RouteSort.ERRORS);
  }
}
