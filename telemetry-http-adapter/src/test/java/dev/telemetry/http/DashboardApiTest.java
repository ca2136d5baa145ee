package dev.telemetry.http;

import dev.telemetry.store.ForwardingStore;
import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Page;
import dev.telemetry.store.StoreException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardApiTest {
  private static final String API = "/admin/telemetry/api/v1";
  private final DashboardFixture f = new DashboardFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void jsonResponsesAreNotCachedAndUseSnakeCaseWithUtcTimestamps() {
    f.logs(3);
    DashboardFixture.Recorded r = f.get(API + "/logs?limit=2");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("Cache-Control", "no-store").containsEntry("Content-Type", Exchange.JSON);
    JsonNode first = r.json().get("items").get(0);
    assertThat(first.get("trace_id").asText()).hasSize(32);
    assertThat(first.get("ts").asText()).isEqualTo("2026-11-23T11:59:59Z");
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(r.json().get("has_more").asBoolean()).isTrue();
  }

  @Test
  void logsPaginateWithCursorsWithoutRepeats() {
    f.logs(120);
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode body = f.get(API + "/logs?limit=50" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      body.get("items").forEach(i -> assertThat(seen.add(i.get("message").asText())).isTrue());
      cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(120);
  }

  @Test
  void logFiltersNarrowTheResults() {
    f.logs(30);
    JsonNode body = f.get(API + "/logs?level=error&search=CHARGE%203&limit=100").json();
    assertThat(body.get("items")).extracting(i -> i.get("message").asText()).containsExactly("charge 3 failed");
  }

  @Test
  void logMessagesAreScrubbedAgainBeforeTheyLeave() {
    f.store.write(dev.telemetry.testkit.StoreRows.logs(java.util.List.of(new LogEvent(NOW.minusSeconds(5),
        dev.telemetry.store.LogLevel.ERROR, "svc", "node-a", "auth", "login_failed",
        "login failed for alice@example.com", null, null, java.util.Map.of()))));
    assertThat(f.get(API + "/logs").text()).doesNotContain("alice@example.com").contains("[REDACTED:email]");
  }

  @Test
  void tracePresetsSelectErrorsAndSlowSpans() {
    f.spans(40);
    JsonNode errors = f.get(API + "/traces?status=error&limit=100").json().get("items");
    assertThat(errors).hasSize(10).allSatisfy(t -> assertThat(t.get("status").asInt()).isEqualTo(503));
    JsonNode slow = f.get(API + "/traces?status=slow&limit=100").json().get("items");
    assertThat(slow).hasSize(8).allSatisfy(t -> assertThat(t.get("duration_ms").asDouble()).isEqualTo(2500));
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    assertError(f.get(API + "/logs?limit=101"), 400, "invalid_parameter", "limit");
    assertError(f.get(API + "/logs?limit=-1"), 400, "invalid_parameter", "limit");
    assertError(f.get(API + "/logs?cursor=AAAA"), 400, "invalid_cursor", "cursor");
    assertError(f.get(API + "/logs?level=info"), 400, "invalid_parameter", "level");
    assertError(f.get(API + "/logs?range=2h"), 400, "invalid_parameter", "range");
    assertError(f.get(API + "/logs?from=yesterday"), 400, "invalid_parameter", "from");
    assertError(f.get(API + "/logs?limt=5"), 400, "unknown_parameter", "limt");
    assertError(f.get(API + "/logs?limit=1&limit=2"), 400, "invalid_parameter", "limit");
    assertError(f.get(API + "/traces?duration_min=NaN"), 400, "invalid_parameter", "duration_min");
    assertError(f.get(API + "/logs?search=%zz"), 400, "malformed_query", "search");
  }

  @Test
  void rangesLongerThanTheRetentionAreRefused() {
    assertError(f.get(API + "/logs?from=2026-10-01T00:00:00Z&to=2026-11-23T00:00:00Z"), 400, "invalid_parameter",
        "from");
    assertError(f.get(API + "/logs?from=2026-11-23T11:00:00Z&to=2026-11-23T10:00:00Z"), 400, "invalid_parameter",
        "from");
    assertError(f.get(API + "/logs?range=1h&from=2026-11-23T11:00:00Z"), 400, "invalid_parameter", "range");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405AsJson() {
    assertError(f.get(API + "/nope"), 404, "not_found", null);
    assertError(f.get("/elsewhere"), 404, "not_found", null);
    DashboardFixture.Recorded post = f.call("POST", API + "/logs", DashboardFixture.TOKEN);
    assertError(post, 405, "method_not_allowed", null);
    assertThat(post.headers).containsEntry("Allow", "GET");
  }

  @Test
  void missingCredentialsAre401AndWrongOnes403() {
    DashboardFixture.Recorded none = f.call("GET", API + "/config", null);
    assertError(none, 401, "unauthenticated", null);
    assertThat(none.headers.get("WWW-Authenticate")).startsWith("Bearer");
    assertError(f.call("GET", API + "/config", "wrong-token-wrong-token-wrong"), 403, "forbidden", null);
    assertThat(f.audit).isEmpty();
  }

  @Test
  void viewsAndExportsAreAuditedWithThePrincipal() {
    f.get(API + "/config");
    f.get(API + "/export?type=traces&format=json");
    assertThat(f.audit).extracting(AuditEntry::principal, AuditEntry::action, AuditEntry::path, AuditEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ops", "view", "/api/v1/config", ""),
            org.assertj.core.groups.Tuple.tuple("ops", "export", "/api/v1/export", "traces/json"));
  }

  @Test
  void aFailingAuditListenerNeverFailsTheRequest() {
    try (DashboardFixture g = new DashboardFixture(InMemoryStore.create(), b -> b.audit(e -> {
      throw new IllegalStateException("audit down");
    }))) {
      assertThat(g.get(API + "/config").status).isEqualTo(200);
    }
  }

  @Test
  void aFailingAuthorizerIsAForbiddenWithoutDetail() {
    try (DashboardFixture g = new DashboardFixture(InMemoryStore.create(), b -> b.authorizer(r -> {
      throw new IllegalStateException("idp unreachable at 10.0.0.7");
    }))) {
      DashboardFixture.Recorded r = g.get(API + "/config");
      assertError(r, 403, "forbidden", null);
      assertThat(r.text()).doesNotContain("10.0.0.7");
    }
  }

  @Test
  void aStoreFailureIs503JsonWithoutAStackTrace() {
    InMemoryStore inner = InMemoryStore.create();
    dev.telemetry.store.TelemetryStore failing = new ForwardingStore(inner) {
      @Override
      public Page<LogEvent> readLogs(LogQuery query) {
        throw new StoreException("connection refused to db.internal:5432", new java.io.IOException("boom"));
      }
    };
    try (DashboardFixture g = new DashboardFixture(failing, b -> b)) {
      DashboardFixture.Recorded r = g.get(API + "/logs");
      assertError(r, 503, "store_unavailable", null);
      assertThat(r.text()).doesNotContain("db.internal").doesNotContain("at dev.telemetry").doesNotContain("boom");
    }
  }

  @Test
  void configReportsLimitsAndDeclaredMetrics() {
    JsonNode c = f.get(API + "/config").json();
    assertThat(c.get("limits").get("page_size_max").asInt()).isEqualTo(100);
    assertThat(c.get("limits").get("export_rows_max").asInt()).isEqualTo(10_000);
    assertThat(c.get("retention_days").asDouble()).isEqualTo(30.0);
    assertThat(c.get("metrics")).extracting(m -> m.get("signal").asText()).contains("latency", "traffic", "errors");
  }

  @Test
  void configAndSummaryStateOneWindowForTheFourVitalSigns() {
    JsonNode vitals = f.get(API + "/config").json().get("vital_signs");
    assertThat(vitals.get("window_minutes").asInt()).isEqualTo(5);
    assertThat(vitals.get("definitions").get("window").asText()).startsWith("the last 5 complete minutes");
    assertThat(vitals.get("definitions").get("traffic").asText()).contains("in the window");
    assertThat(vitals.get("definitions").get("errors").asText()).contains("in the window");
    f.telemetry.summary().refresh();
    JsonNode signs = f.get(API + "/summary").json().get("vital_signs");
    assertThat(signs).extracting(v -> v.get("window_minutes").asInt()).hasSize(4)
        .allSatisfy(m -> assertThat(m).isBetween(0, 5));
  }

  @Test
  void linksListTheConfiguredTools() {
    try (DashboardFixture g = new DashboardFixture(InMemoryStore.create(), b -> b.links(ExternalLinks.none()
        .withGrafana("https://grafana.example.com").withTraceLinkTemplate("https://tempo.example.com/t/{trace_id}")))) {
      JsonNode l = g.get(API + "/links").json();
      assertThat(l.get("grafana").asText()).isEqualTo("https://grafana.example.com");
      assertThat(l.get("trace_link_template").asText()).contains("{trace_id}");
      assertThat(l.get("loki").isNull()).isTrue();
    }
    assertThatThrownBy(() -> ExternalLinks.none().withTraceLinkTemplate("https://tempo.example.com/t"))
        .hasMessageContaining("{trace_id}");
    assertThatThrownBy(() -> ExternalLinks.none().withGrafana("javascript:alert(1)"))
        .hasMessageContaining("grafana");
  }

  @Test
  void aDashboardCannotBeBuiltWithoutAnAuthorizer() {
    assertThatThrownBy(() -> TelemetryDashboard.builder(f.telemetry).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowAll");
    assertThatThrownBy(() -> TelemetryDashboard.builder(f.telemetry).mount("/admin/"))
        .hasMessageContaining("mount");
  }

  static void assertError(DashboardFixture.Recorded r, int status, String code, String param) {
    assertThat(r.status).as(r.text()).isEqualTo(status);
    assertThat(r.headers.get("Content-Type")).isEqualTo(Exchange.JSON);
    assertThat(r.headers).containsEntry("Cache-Control", "no-store");
    JsonNode error = r.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    if (param == null) {
      assertThat(error.get("param").isNull()).isTrue();
    } else {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
  }
}
