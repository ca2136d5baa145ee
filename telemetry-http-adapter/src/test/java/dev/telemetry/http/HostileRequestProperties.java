package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every endpoint with random and hostile parameters: never a 500, always JSON (or the requested
 * export format), page and export limits always hold.
 */
class HostileRequestProperties {
  static final DashboardFixture F = populated();
  static final List<String> API_PATHS = List.of("/summary", "/health", "/trends", "/top-routes", "/top-errors", "/logs",
      "/traces", "/events", "/events/types", "/store", "/freshness", "/pages", "/pages/x", "/export", "/config", "/links", "/nope", "/pages/../config",
      "//logs", "/logs/", "/LOGS");
  static final List<String> NAMES = List.of("metric", "range", "from", "to", "label.route", "label.", "label.X-Y",
      "group_by", "sort", "limit", "level", "domain", "service", "search", "trace_id", "cursor", "status", "route",
      "duration_min", "type", "by", "format", "event_type", "node", "resolution", "compare", "filter.network", "filter.", "filter.a b",
      "unknown", "");

  private static DashboardFixture populated() {
    DashboardFixture f = new DashboardFixture();
    f.logs(250);
    f.spans(150);
    SectionsApiTest.latency(f, 30);
    return f;
  }

  @Provide
  Arbitrary<String> hostileValues() {
    return Arbitraries.oneOf(
        Arbitraries.of("1h", "6h", "24h", "7d", "30d", "31d", "-1", "0", "1", "100", "101", "10000", "10001",
            "99999999999999999999", "-9223372036854775808", "NaN", "Infinity", "1e308", "0x10", " 5", "",
            "error", "slow", "all", "ERROR", "warn,error", "info", "csv", "json", "xml", "logs", "traces", "metrics",
            "events", "latency", "errors", "traffic", "minute", "day", "http_server_duration_seconds",
            "2026-11-23T11:00:00Z", "2026-11-23T13:00:00Z", "1970-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AQAAAZNbfm6AAAAAAAAAAAEAAAAA", "../../etc/passwd", "%00", "\u0000",
            "\r\nX-Injected: 1", "<script>alert(1)</script>", "' OR 1=1 --", "=cmd|' /C calc'!A0", "☃", "\uD800"),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars('a', '9', '%', '&', '=', '.').ofMinLength(200).ofMaxLength(5000),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf));
  }

  @Provide
  Arbitrary<String> requests() {
    Arbitrary<String> param = Combinators.combine(Arbitraries.of(NAMES), hostileValues(), Arbitraries.of(true, false))
        .as((n, v, encode) -> n + "=" + (encode ? URLEncoder.encode(v, StandardCharsets.UTF_8) : v));
    Arbitrary<String> query = param.list().ofMaxSize(6).map(l -> String.join("&", l));
    return Combinators.combine(Arbitraries.of(API_PATHS), query).as((p, q) -> "/admin/telemetry/api/v1" + p
        + (q.isEmpty() ? "" : "?" + q));
  }

  @Property(tries = 1500)
  void apiNeverFailsAndAlwaysAnswersJsonWithinLimits(@ForAll("requests") String request) {
    DashboardFixture.Recorded r = F.get(request);
    assertThat(r.status).as(request).isIn(200, 400, 404, 414);
    assertThat(r.headers).as(request).containsEntry("Cache-Control", "no-store");
    String type = r.headers.get("Content-Type");
    if (r.status == 200 && type.startsWith("text/csv")) {
      assertThat(r.text().split("\r\n").length).isLessThanOrEqualTo(ExportEndpoint.MAX_ROWS + 1);
      return;
    }
    assertThat(type).as(request).isEqualTo(Exchange.JSON);
    JsonNode body = r.json();
    if (r.status != 200) {
      assertThat(body.get("error").get("code").asText()).isNotBlank();
      assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
      return;
    }
    if (body.has("items") && body.get("items").isArray()) {
      assertThat(body.get("items").size()).isLessThanOrEqualTo(100);
    }
    if (body.has("rows")) {
      assertThat(body.get("rows").size()).isLessThanOrEqualTo(ExportEndpoint.MAX_ROWS);
    }
  }

  @Provide
  Arbitrary<String> staticPaths() {
    return Combinators.combine(Arbitraries.of("", "/", "/assets/", "/assets/app.js", "/..", "/%2e%2e", "/./",
        "/assets/..%2f..%2f", "/WEB-INF/", "/META-INF/resources/webjars/uplot/"),
        Arbitraries.strings().withChars('a', 'z', '.', '/', '%', '2', 'e', 'f', '\\').ofMaxLength(30))
        .as((a, b) -> "/admin/telemetry" + a + b);
  }

  @Property(tries = 500)
  void staticFilesOnlyServeTheFixedSet(@ForAll("staticPaths") String path) {
    DashboardFixture.Recorded r = F.call("GET", path, null);
    assertThat(r.status).as(path).isIn(200, 308, 404);
    if (r.status == 200) {
      assertThat(path.substring("/admin/telemetry".length())).isIn("/", "/assets/app.js", "/assets/app.css", "/assets/pages.js", "/assets/pages.css",
          "/assets/uplot.js", "/assets/uplot.css");
    } else if (r.status == 404) {
      assertThat(r.json().get("error").get("code").asText()).isEqualTo("not_found");
    }
  }

  @Property(tries = 1000)
  void integerParametersAreBoundedOrRefused(@ForAll("hostileValues") String value) {
    try {
      QueryParams p = QueryParams.parse("limit=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      assertThat(p.integer("limit", 50, 1, 100)).isBetween(1, 100);
    } catch (ApiException e) {
      assertThat(e.status()).isIn(400, 414);
      assertThat(e.param()).isIn("limit", null);
    }
  }

  @Property(tries = 1000)
  void cursorsAreValidatedBeforeAnyRead(@ForAll("hostileValues") String value) {
    try {
      QueryParams p = QueryParams.parse("cursor=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      String cursor = p.cursor("cursor");
      if (cursor != null) {
        dev.telemetry.store.Page.Cursor.decode(cursor);
      }
    } catch (ApiException e) {
      assertThat(e.code()).isIn("invalid_cursor", "query_too_long");
    }
  }
}
