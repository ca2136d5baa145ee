package dev.telemetry.http;

import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /summary} and the sections it is made of. Each section is computed behind a guard: one
 * that fails is left out and named in {@code errors}, and the response is still 200.
 */
final class DashboardSections {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardSections.class);
  static final String VERSION = StaticFiles.buildProperty("version");

  private final DashboardContext context;

  DashboardSections(DashboardContext context) {
    this.context = context;
  }

  List<Endpoint> endpoints() {
    return List.of(Endpoint.view("/summary", Set.of(), (ex, p) -> ex.json(200, summary())));
  }

  Object vitalSigns() {
    return summary();
  }

  Map<String, Object> summary() {
    List<Map<String, String>> errors = new ArrayList<>();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generated_at", context.clock().instant());
    body.put("collecting_data", false);
    body.put("vital_signs", List.of());
    body.put("health", List.of());
    body.put("error_feed", section("error_feed", errors, this::errorFeed));
    body.put("server", section("server", errors, this::server));
    body.put("errors", errors);
    return body;
  }

  static <T> T section(String name, List<Map<String, String>> errors, Supplier<T> compute) {
    try {
      return compute.get();
    } catch (RuntimeException e) {
      LOG.warn("telemetry: dashboard section {} failed", name, e);
      Map<String, String> error = new LinkedHashMap<>();
      error.put("section", name);
      error.put("message", name + " is unavailable (" + e.getClass().getSimpleName() + ")");
      errors.add(error);
      return null;
    }
  }

  private List<LogEvent> errorFeed() {
    Instant now = context.clock().instant();
    return context.store().readLogs(new LogQuery(now.minus(context.retention()), now.plusSeconds(1),
        Set.of(LogLevel.ERROR), null, null, null, null, null, 25)).items().stream()
        .map(e -> SearchEndpoints.rescrub(e, context.redaction())).toList();
  }

  private Map<String, Object> server() {
    Instant now = context.clock().instant();
    Set<String> nodes = new TreeSet<>();
    nodes.add(context.telemetry().node());
    for (Heartbeat h : context.store().readHeartbeats()) {
      nodes.add(h.node());
    }
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("version", VERSION);
    server.put("service", context.telemetry().service());
    server.put("environment", context.telemetry().environment());
    server.put("started_at", context.telemetry().startedAt());
    server.put("uptime_seconds", Duration.between(context.telemetry().startedAt(), now).toSeconds());
    server.put("nodes", nodes);
    return server;
  }

}
