package dev.telemetry.http;

import dev.telemetry.health.Freshness;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.UnknownPageException;
import dev.telemetry.signals.Summary;
import dev.telemetry.signals.SummaryService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /summary}, {@code /health}, {@code /freshness} and {@code /pages}: thin views over the
 * summary service (cached, so {@code /summary} never reads the store), the health matrix, the
 * heartbeats' freshness and the host's page registry. Their own partial failures arrive as {@code errors}
 * in the data and are passed through with status 200.
 */
final class DashboardSections {
  static final String VERSION = StaticFiles.buildProperty("version");
  static final String PAGES = "/pages";

  private final SummaryService summary;
  private final HealthMatrix health;
  private final DashboardContext context;
  private final PageRegistry pages;

  DashboardSections(DashboardContext context, SummaryService summary, HealthMatrix health, PageRegistry pages) {
    this.summary = summary;
    this.health = health;
    this.context = context;
    this.pages = pages;
  }

  List<Endpoint> endpoints() {
    return List.of(
        Endpoint.view("/summary", Set.of(), (ex, p) -> {
          SerializedSummary s = summaryJson();
          ex.jsonBytesTagged(s.json, s.etag);
        }),
        Endpoint.view("/health", Set.of(), (ex, p) -> ex.json(200, Map.of("services",
            health == null ? summary.current().health() : health.snapshot()))),
        Endpoint.view("/freshness", Set.of(), (ex, p) -> ex.json(200, Map.of("items",
            Freshness.readAll(context.store(), context.clock().instant())))),
        Endpoint.view(PAGES, Set.of(), (ex, p) -> ex.json(200, Map.of("pages", pages.pages()))),
        Endpoint.view(PAGES + "/", Set.of(), this::page));
  }

  /**
   * The cached summary serialized once per refresh (every 5 s), with a strong ETag over its bytes,
   * so {@code /summary} costs a reference check and a copy to the socket, or a 304 when the
   * client already has it.
   */
  private SerializedSummary summaryJson() throws com.fasterxml.jackson.core.JsonProcessingException {
    Summary current = summary.current();
    SerializedSummary cached = serialized;
    if (cached == null || cached.summary != current) {
      byte[] json = Json.MAPPER.writeValueAsBytes(current);
      cached = new SerializedSummary(current, json, Exchange.etagOf(json));
      serialized = cached;
    }
    return cached;
  }

  private record SerializedSummary(Summary summary, byte[] json, String etag) {}

  private volatile SerializedSummary serialized;

  /** {@code page} or {@code page/detail}: one or two non-empty segments. */
  static boolean isPagePath(String tail) {
    int slash = tail.indexOf('/');
    if (slash < 0) {
      return !tail.isEmpty();
    }
    return slash > 0 && slash < tail.length() - 1 && tail.indexOf('/', slash + 1) < 0;
  }

  private void page(Exchange ex, QueryParams p) throws IOException {
    String tail = ex.pathTail();
    int slash = tail.indexOf('/');
    try {
      if (slash < 0) {
        ex.json(200, pages.page(tail));
      } else {
        ex.json(200, pages.detail(tail.substring(0, slash), tail.substring(slash + 1)));
      }
    } catch (UnknownPageException e) {
      throw ApiException.notFound("page");
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("detail", "must be 1 to 64 of [A-Za-z0-9_.:-]");
    }
  }

  /** What the live feed pushes as {@code vital_signs}: the cached summary without the error feed. */
  static Map<String, Object> vitalSigns(Summary s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generated_at", s.generatedAt());
    body.put("collecting_data", s.collectingData());
    body.put("vital_signs", s.vitalSigns());
    body.put("health", s.health());
    body.put("errors", s.errors());
    return body;
  }
}
