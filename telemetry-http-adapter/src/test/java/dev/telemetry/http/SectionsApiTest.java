package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.Outcome;
import dev.telemetry.testkit.StoreRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SectionsApiTest {
  private static final String API = "/admin/telemetry/api/v1";
  private final DashboardFixture f = new DashboardFixture();

  @AfterEach
  void close() {
    f.close();
  }

  static void latency(DashboardFixture f, int minutes) {
    List<dev.telemetry.store.MetricSample> rows = new ArrayList<>();
    for (int m = 1; m <= minutes; m++) {
      rows.add(StoreRows.histogram("http_server_duration_seconds", NOW.minusSeconds(60L * m), "node-a",
          Map.of("route", m % 2 == 0 ? "/cart" : "/home", "method", "GET", "status", "200"), 0.02, 0.05, 0.3));
      rows.add(StoreRows.counter("http_server_requests_total", NOW.minusSeconds(60L * m), "node-a",
          Map.of("route", "/cart", "method", "GET", "status", "200"), 60, 60));
    }
    f.store.write(StoreRows.batch(rows, List.of(), List.of(), List.of(), List.of()));
  }

  @Test
  void trendsReturnPointsWithPercentiles() {
    latency(f, 30);
    JsonNode t = f.get(API + "/trends?metric=http_server_duration_seconds&range=1h").json();
    assertThat(t.get("metric").asText()).isEqualTo("http_server_duration_seconds");
    JsonNode points = t.get("series").get(0).get("points");
    assertThat(points.size()).isGreaterThan(10);
    JsonNode full = null;
    for (JsonNode p : points) {
      if (p.get("count").asLong() > 0) {
        full = p;
      }
    }
    assertThat(full).isNotNull();
    assertThat(full.get("p95").asDouble()).isBetween(0.29, 0.31);
    assertThat(full.get("ts").asText()).endsWith("Z");
    JsonNode grouped = f.get(API + "/trends?metric=http_server_duration_seconds&range=1h&group_by=route").json();
    assertThat(grouped.get("series")).hasSize(2);
    JsonNode filtered = f.get(API + "/trends?metric=http_server_duration_seconds&range=1h&label.route=/cart").json();
    assertThat(filtered.get("series")).hasSize(1);
  }

  @Test
  void queryEngineRefusalsAre400NamingTheParameter() {
    DashboardApiTest.assertError(f.get(API + "/trends?metric=nope_seconds"), 400, "invalid_parameter", "metric");
    DashboardApiTest.assertError(f.get(API + "/trends"), 400, "missing_parameter", "metric");
    DashboardApiTest.assertError(f.get(API + "/top-routes?sort=fastest"), 400, "invalid_parameter", "sort");
    DashboardApiTest.assertError(f.get(API + "/top-routes?limit=1000"), 400, "invalid_parameter", "limit");
    DashboardApiTest.assertError(f.get(API + "/events"), 400, "missing_parameter", "type");
  }

  @Test
  void topRoutesAndErrorsRank() {
    latency(f, 10);
    JsonNode routes = f.get(API + "/top-routes?range=1h&sort=traffic&limit=5").json().get("routes");
    assertThat(routes.get(0).get("route").asText()).isEqualTo("/cart");
    f.logs(6);
    JsonNode errors = f.get(API + "/top-errors?range=1h").json().get("categories");
    assertThat(errors.get(0).get("name").asText()).isEqualTo("charge_failed");
  }

  @Test
  void eventsBreakDownAndCountPerDay() {
    f.store.write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(
        StoreRows.event(NOW.minusSeconds(60), "deployment_created", "a", Map.of("network", "main"), Outcome.SUCCESS),
        StoreRows.event(NOW.minusSeconds(70), "deployment_created", "b", Map.of("network", "main"), Outcome.FAILURE),
        StoreRows.event(NOW.minusSeconds(80), "deployment_created", "a", Map.of("network", "test"), Outcome.SUCCESS)),
        List.of()));
    JsonNode e = f.get(API + "/events?type=deployment_created&by=network&range=24h").json();
    assertThat(e.get("count").asInt()).isEqualTo(3);
    assertThat(e.get("distinct_subjects").asInt()).isEqualTo(2);
    assertThat(e.get("breakdown").get(0).get("value").asText()).isEqualTo("main");
    assertThat(e.get("days")).isNotEmpty();
  }

  @Test
  void summaryIsCachedAndCarriesServerMetadataAndErrorFeed() {
    f.logs(4);
    JsonNode before = f.get(API + "/summary").json();
    assertThat(before.get("server").get("service").asText()).isEqualTo("shop");
    assertThat(before.get("vital_signs")).hasSize(4);
    assertThat(before.has("errors")).isTrue();
    assertThat(before.get("generated_at").asText()).endsWith("Z");
  }

  @Test
  void summaryCarriesAnETagAndAnswers304WhileUnchanged() {
    f.logs(4);
    DashboardFixture.Recorded first = f.get(API + "/summary");
    String etag = first.headers.get("ETag");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");

    DashboardFixture.Recorded again = f.call("GET", API + "/summary", DashboardFixture.TOKEN,
        java.util.Map.of("If-None-Match", "W/\"other\", " + etag));
    assertThat(again.status).isEqualTo(304);
    assertThat(again.body.size()).isZero();
    assertThat(again.headers.get("ETag")).isEqualTo(etag);

    f.logs(8); // new errors: the next refresh changes the summary
    f.clock.advance(java.time.Duration.ofSeconds(5));
    f.telemetry.summary().refresh();
    DashboardFixture.Recorded changed = f.call("GET", API + "/summary", DashboardFixture.TOKEN,
        java.util.Map.of("If-None-Match", etag));
    assertThat(changed.status).isEqualTo(200);
    assertThat(changed.headers.get("ETag")).isNotEqualTo(etag);
    assertThat(changed.json().get("vital_signs")).hasSize(4);
  }

  @Test
  void ifNoneMatchIsParsedAsAListOfTags() {
    assertThat(Exchange.matches(null, "\"a\"")).isFalse();
    assertThat(Exchange.matches("\"b\", \"a\"", "\"a\"")).isTrue();
    assertThat(Exchange.matches("W/\"a\"", "\"a\"")).isTrue();
    assertThat(Exchange.matches("*", "\"a\"")).isTrue();
    assertThat(Exchange.matches("\"ab\"", "\"a\"")).isFalse();
  }

  @Test
  void freshnessListsHeartbeatsWithStatus() {
    f.store.write(StoreRows.batch(List.of(), List.of(), List.of(), List.of(),
        List.of(StoreRows.heartbeat("nightly", "node-a", NOW.minusSeconds(10)),
            StoreRows.heartbeat("old", "node-a", NOW.minusSeconds(600)))));
    JsonNode items = f.get(API + "/freshness").json().get("items");
    assertThat(items).extracting(i -> i.get("name").asText() + ":" + i.get("status").asText())
        .containsExactlyInAnyOrder("nightly:fresh", "old:dead");
  }

  @Test
  void healthComesFromTheMatrixAndPagesFromTheRegistry() throws Exception {
    try (HealthMatrix matrix = HealthMatrix.builder().clock(f.clock).service("db", () -> ProbeResult.healthy("ok"))
        .build()) {
      matrix.checkNow().get();
      PageRegistry pages = PageRegistry.builder().clock(f.clock).register(PageProvider.of("users",
          java.time.Duration.ofSeconds(30),
          dev.telemetry.pages.PageSection.of("active", "Active", () -> dev.telemetry.pages.SectionView.text("42")),
          dev.telemetry.pages.PageSection.of("broken", "Broken", () -> {
            throw new IllegalStateException("down");
          }))).build();
      try (DashboardFixture g = new DashboardFixture(InMemoryStore.create(), b -> b.healthMatrix(matrix).pages(pages))) {
        JsonNode health = g.get(API + "/health").json().get("services");
        assertThat(health.get(0).get("service").asText()).isEqualTo("db");
        assertThat(health.get(0).get("status").asText()).isEqualTo("healthy");
        assertThat(g.get(API + "/pages").json().get("pages").get(0).get("id").asText()).isEqualTo("users");
        DashboardFixture.Recorded page = g.get(API + "/pages/users");
        assertThat(page.status).isEqualTo(200);
        assertThat(page.json().get("sections").get(0).get("view").get("text").asText()).isEqualTo("42");
        assertThat(page.json().get("errors").get(0).get("section").asText()).isEqualTo("broken");
        DashboardApiTest.assertError(g.get(API + "/pages/nope"), 404, "not_found", null);
        DashboardApiTest.assertError(g.get(API + "/pages/users/x"), 404, "not_found", null);
        DashboardApiTest.assertError(g.get(API + "/pages/users/x/y"), 404, "not_found", null);
      }
    }
  }
}
