package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.PageSection;
import dev.telemetry.pages.SectionView;
import dev.telemetry.pages.SectionView.Bar;
import dev.telemetry.pages.SectionView.Breakdown;
import dev.telemetry.pages.SectionView.Column;
import dev.telemetry.pages.SectionView.ColumnType;
import dev.telemetry.pages.SectionView.Point;
import dev.telemetry.pages.SectionView.Series;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.StatusItem;
import dev.telemetry.pages.SectionView.StatusList;
import dev.telemetry.pages.SectionView.Table;
import dev.telemetry.pages.SectionView.TimeSeries;
import dev.telemetry.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The section model as JSON: every view kind, error isolation, gating, drill-downs, the authorizer. */
class PagesApiTest {
  private static final String API = "/admin/telemetry/api/v1";
  private final AtomicLong executions = new AtomicLong(3);
  private final DashboardFixture f = new DashboardFixture(InMemoryStore.create(), b -> b.pages(registry()));

  @AfterEach
  void close() {
    f.close();
  }

  private PageRegistry registry() {
    PageProvider ops = PageProvider.builder("ops").title("Operations").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Totals", () -> SectionView.stats(
            Stat.of("Users", 42, "").withHint("last 24 h"), Stat.of("p95", 180.5, "ms").withStatus("green"))))
        .section(PageSection.of("jobs", "Jobs", () -> Table.builder().text("job", "Job")
            .number("runs", "Runs", "").column(new Column("last_run", "Last run", ColumnType.TIME, ""))
            .column(new Column("open", "", ColumnType.DETAIL, ""))
            .row("nightly", 12, NOW, "nightly").build()))
        .section(PageSection.of("trend", "Trend", () -> new TimeSeries("ms", List.of(new Series("p95",
            List.of(new Point(NOW, 1.5), new Point(NOW.plusSeconds(60), null)))))))
        .section(PageSection.of("split", "Split", () -> new Breakdown("", List.of(new Bar("mainnet", 8, 80.0)))))
        .section(PageSection.of("services", "Services", () -> new StatusList(List.of(
            new StatusItem("db", "healthy", "SELECT 1", NOW)))))
        .section(PageSection.of("note", "Note", () -> SectionView.text("<b>not markup</b>")))
        .section(PageSection.of("broken", "Broken", () -> {
          throw new IllegalStateException("warehouse unreachable");
        }))
        .section(PageSection.of("success", "Success rate", () -> SectionView.text("99 %"))
            .collectingUntil(10, "executions", executions::get))
        .details(job -> job.equals("nightly") ? Optional.of(List.of(
            PageSection.of("runs", "Runs of " + job, () -> SectionView.text("12 runs")))) : Optional.empty())
        .build();
    return PageRegistry.builder().clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).register(ops).build();
  }

  @Test
  void listsPagesWithTitleTtlSectionsAndWhetherTheyHaveDetails() throws Exception {
    JsonNode list = f.get(API + "/pages").json();
    assertThat(list).isEqualTo(new ObjectMapper().readTree("""
        {"pages": [{"id": "ops", "title": "Operations", "ttl_seconds": 300,
          "sections": ["totals", "jobs", "trend", "split", "services", "note", "broken", "success"],
          "has_details": true}]}"""));
  }

  @Test
  void servesEachViewKindInItsDocumentedShape() throws Exception {
    DashboardFixture.Recorded r = f.get(API + "/pages/ops");
    assertThat(r.status).isEqualTo(200);
    JsonNode page = r.json();
    assertThat(page.get("id").asText()).isEqualTo("ops");
    assertThat(page.get("detail").isNull()).isTrue();
    assertThat(page.get("title").asText()).isEqualTo("Operations");
    assertThat(page.get("generated_at").asText()).isEqualTo("2026-11-23T12:00:00Z");
    assertThat(page.get("ttl_seconds").asLong()).isEqualTo(300);
    ObjectMapper m = new ObjectMapper();
    assertThat(section(page, "totals")).isEqualTo(m.readTree("""
        {"name": "totals", "title": "Totals", "state": "ok", "kind": "stats",
         "computed_at": "2026-11-23T12:00:00Z", "expires_at": "2026-11-23T12:05:00Z", "ttl_seconds": 300,
         "view": {"stats": [
           {"label": "Users", "value": 42.0, "unit": "", "status": "unknown", "hint": "last 24 h"},
           {"label": "p95", "value": 180.5, "unit": "ms", "status": "green", "hint": ""}]},
         "error": null, "collecting": null}"""));
    assertThat(section(page, "jobs").get("view")).isEqualTo(m.readTree("""
        {"columns": [{"key": "job", "label": "Job", "type": "text", "unit": ""},
                     {"key": "runs", "label": "Runs", "type": "number", "unit": ""},
                     {"key": "last_run", "label": "Last run", "type": "time", "unit": ""},
                     {"key": "open", "label": "", "type": "detail", "unit": ""}],
         "rows": [["nightly", 12, "2026-11-23T12:00:00Z", "nightly"]]}"""));
    assertThat(section(page, "trend").get("view")).isEqualTo(m.readTree("""
        {"unit": "ms", "series": [{"name": "p95", "points": [
          {"ts": "2026-11-23T12:00:00Z", "value": 1.5}, {"ts": "2026-11-23T12:01:00Z", "value": null}]}]}"""));
    assertThat(section(page, "split").get("view")).isEqualTo(m.readTree("""
        {"unit": "", "bars": [{"label": "mainnet", "value": 8.0, "percent": 80.0}]}"""));
    assertThat(section(page, "services").get("view")).isEqualTo(m.readTree("""
        {"items": [{"name": "db", "status": "healthy", "detail": "SELECT 1", "at": "2026-11-23T12:00:00Z"}]}"""));
    assertThat(section(page, "note").get("view")).isEqualTo(m.readTree("""
        {"text": "<b>not markup</b>"}"""));
    assertThat(section(page, "services").get("kind").asText()).isEqualTo("status_list");
    assertThat(section(page, "trend").get("kind").asText()).isEqualTo("time_series");
  }

  @Test
  void aFailingSectionIsReportedInPlaceAndInErrorsWhileTheOthersAreServed() {
    JsonNode page = f.get(API + "/pages/ops").json();
    JsonNode broken = section(page, "broken");
    assertThat(broken.get("state").asText()).isEqualTo("error");
    assertThat(broken.get("error").asText()).isEqualTo("IllegalStateException: warehouse unreachable");
    assertThat(broken.get("view").isNull()).isTrue();
    assertThat(broken.get("kind").isNull()).isTrue();
    assertThat(page.get("errors")).hasSize(1);
    assertThat(page.get("errors").get(0).get("section").asText()).isEqualTo("broken");
    assertThat(section(page, "note").get("state").asText()).isEqualTo("ok");
  }

  @Test
  void aGatedSectionSaysHowMuchDataItHasAndNeeds() throws Exception {
    JsonNode success = section(f.get(API + "/pages/ops").json(), "success");
    assertThat(success.get("state").asText()).isEqualTo("collecting");
    assertThat(success.get("collecting")).isEqualTo(new ObjectMapper().readTree("""
        {"current": 3, "required": 10, "unit": "executions"}"""));
    assertThat(success.get("view").isNull()).isTrue();
  }

  @Test
  void drillDownPagesAnswerUnderThePageWithValidatedIds() {
    JsonNode detail = f.get(API + "/pages/ops/nightly").json();
    assertThat(detail.get("id").asText()).isEqualTo("ops");
    assertThat(detail.get("detail").asText()).isEqualTo("nightly");
    assertThat(section(detail, "runs").get("view").get("text").asText()).isEqualTo("12 runs");

    DashboardApiTest.assertError(f.get(API + "/pages/ops/hourly"), 404, "not_found", null);
    DashboardApiTest.assertError(f.get(API + "/pages/ops/" + "x".repeat(65)), 400, "invalid_parameter", "detail");
    DashboardApiTest.assertError(f.get(API + "/pages/ops/a%20b"), 400, "invalid_parameter", "detail");
    DashboardApiTest.assertError(f.get(API + "/pages/ops/"), 404, "not_found", null);
    DashboardApiTest.assertError(f.get(API + "/pages/nope/nightly"), 404, "not_found", null);
  }

  @Test
  void pagesAndDrillDownsPassTheAuthorizer() {
    DashboardApiTest.assertError(f.call("GET", API + "/pages/ops", null), 401, "unauthenticated", null);
    DashboardApiTest.assertError(f.call("GET", API + "/pages/ops/nightly", null), 401, "unauthenticated", null);
    DashboardApiTest.assertError(f.call("GET", API + "/pages/ops/nightly", "wrong-token-wrong-token"), 403,
        "forbidden", null);
  }

  private static JsonNode section(JsonNode page, String name) {
    for (JsonNode s : page.get("sections")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no section " + name + " in " + page);
  }
}
