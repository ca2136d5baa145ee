package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.testkit.StoreRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExportTest {
  private static final String EXPORT = "/admin/telemetry/api/v1/export";
  private final DashboardFixture f = new DashboardFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void csvExportIsADownloadWithAHeaderRow() {
    f.logs(3);
    DashboardFixture.Recorded r = f.get(EXPORT + "?type=logs&format=csv");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers.get("Content-Type")).startsWith("text/csv");
    assertThat(r.headers.get("Content-Disposition"))
        .isEqualTo("attachment; filename=\"telemetry-logs-20261123T120000Z.csv\"");
    assertThat(r.headers).containsEntry("Cache-Control", "no-store");
    String[] lines = r.text().split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("ts,level,service,node,domain,event,message,trace_id,span_id,attrs");
    assertThat(lines[1]).startsWith("2026-11-23T11:59:59Z,error,svc,node-a,payments,charge_failed,charge 0 failed,");
  }

  @Test
  void exportsStopAtTenThousandRows() {
    f.logs(10_050);
    DashboardFixture.Recorded csv = f.get(EXPORT + "?type=logs&format=csv");
    assertThat(csv.text().split("\r\n")).hasSize(10_001);
    JsonNode json = f.get(EXPORT + "?type=logs&format=json").json();
    assertThat(json.get("rows")).hasSize(10_000);
    assertThat(json.get("row_count").asInt()).isEqualTo(10_000);
    assertThat(json.get("truncated").asBoolean()).isTrue();
    assertThat(f.get(EXPORT + "?type=logs&format=json&limit=10001").status).isEqualTo(400);
  }

  @Test
  void aCutOffMetricsExportHoldsTheNewestBucketsAndStatesTheRangeItCovers() {
    List<dev.telemetry.store.MetricSample> rows = new java.util.ArrayList<>();
    for (int minute = 1; minute <= 180; minute++) { // three hours, two series: 360 rows
      for (String route : List.of("/a", "/b")) {
        rows.add(StoreRows.counter("http_server_requests_total", NOW.minusSeconds(60L * minute), "node-a",
            Map.of("route", route), 1, 10));
      }
    }
    f.store.write(StoreRows.samples(rows.toArray(dev.telemetry.store.MetricSample[]::new)));
    String query = EXPORT + "?type=metrics&metric=http_server_requests_total&limit=101";

    DashboardFixture.Recorded r = f.get(query + "&format=json");
    JsonNode json = r.json();

    assertThat(json.get("truncated").asBoolean()).isTrue();
    assertThat(json.get("rows").get(0).get("bucket_start").asText()).isEqualTo("2026-11-23T11:59:00Z");
    // row 101 (left out) is the second series of 11:09, so only 11:10 onwards is whole, and only it is sent
    assertThat(json.get("rows")).hasSize(100);
    assertThat(json.get("rows").get(99).get("bucket_start").asText()).isEqualTo("2026-11-23T11:10:00Z");
    assertThat(json.get("covered_from").asText()).isEqualTo("2026-11-23T11:10:00Z");
    assertThat(json.get("covered_to").asText()).isEqualTo("2026-11-23T12:00:00Z");
    assertThat(json.get("requested_from").asText()).isEqualTo("2026-11-22T12:00:00Z");
    assertThat(r.headers).containsEntry("X-Telemetry-Covered-From", "2026-11-23T11:10:00Z")
        .containsEntry("X-Telemetry-Covered-To", "2026-11-23T12:00:00Z")
        .containsEntry("X-Telemetry-Range-From", "2026-11-22T12:00:00Z")
        .containsEntry("X-Telemetry-Range-To", "2026-11-23T12:00:00Z");
    DashboardFixture.Recorded csv = f.get(query + "&format=csv");
    assertThat(csv.headers).containsEntry("X-Telemetry-Covered-From", "2026-11-23T11:10:00Z");
    assertThat(csv.text().split("\r\n")[1]).startsWith("2026-11-23T11:59:00Z,");
  }

  @Test
  void aCutOffLogExportCoversFromJustAfterTheFirstRowLeftOut() {
    f.logs(50); // one second apart, newest at 11:59:59
    JsonNode json = f.get(EXPORT + "?type=logs&format=json&limit=10").json();
    assertThat(json.get("rows").get(9).get("ts").asText()).isEqualTo("2026-11-23T11:59:50Z");
    assertThat(json.get("covered_from").asText()).isEqualTo("2026-11-23T11:59:49.001Z");
    JsonNode all = f.get(EXPORT + "?type=logs&format=json&limit=100").json();
    assertThat(all.get("truncated").asBoolean()).isFalse();
    assertThat(all.get("covered_from").asText()).isEqualTo(all.get("requested_from").asText())
        .isEqualTo("2026-11-22T12:00:00Z");
    DashboardFixture.Recorded csv = f.get(EXPORT + "?type=logs&format=csv&limit=10");
    assertThat(csv.headers).containsEntry("X-Telemetry-Range-From", "2026-11-22T12:00:00Z")
        .containsEntry("X-Telemetry-Covered-From", "2026-11-23T11:59:49.001Z")
        .containsEntry("X-Telemetry-Truncated", "true");
  }

  @Test
  void smallerLimitsAreHonouredAndNotTruncatedWhenAllFit() {
    f.logs(20);
    JsonNode json = f.get(EXPORT + "?type=logs&format=json&limit=50").json();
    assertThat(json.get("row_count").asInt()).isEqualTo(20);
    assertThat(json.get("truncated").asBoolean()).isFalse();
    assertThat(f.get(EXPORT + "?type=logs&format=json&limit=5").json().get("rows")).hasSize(5);
  }

  @Test
  void csvCellsAreQuotedAndFormulasNeutralised() {
    f.store.write(StoreRows.logs(List.of(new LogEvent(NOW.minusSeconds(1), LogLevel.ERROR, "svc", "node-a",
        "=cmd|' /C calc'!A0", "@sum", "said \"hi\", then\nleft", null, null, Map.of()))));
    String body = f.get(EXPORT + "?type=logs&format=csv").text();
    assertThat(body).contains("'=cmd|' /C calc'!A0").contains(",'@sum,").contains("\"said \"\"hi\"\", then\nleft\"");
  }

  @Test
  void exportedTextIsScrubbedAgain() {
    f.store.write(StoreRows.logs(List.of(new LogEvent(NOW.minusSeconds(1), LogLevel.ERROR, "svc", "node-a",
        "auth", "login_failed", "token for bob@example.org from 203.0.113.9", null, null,
        Map.of("note", "mail bob@example.org")))));
    for (String format : List.of("csv", "json")) {
      String body = f.get(EXPORT + "?type=logs&format=" + format).text();
      assertThat(body).doesNotContain("bob@example.org").doesNotContain("203.0.113.9").contains("[REDACTED:email]");
    }
  }

  @Test
  void tracesEventsAndMetricsExport() {
    f.spans(10);
    f.store.write(StoreRows.batch(List.of(
        StoreRows.histogram("http_server_duration_seconds", NOW.minusSeconds(120), "node-a", Map.of("route", "/a"),
            0.1, 0.2, 0.3)), List.of(), List.of(),
        List.of(StoreRows.event(NOW.minusSeconds(60), "deployment_created", "subj1", Map.of("network", "main"),
            Outcome.SUCCESS)), List.of()));
    assertThat(f.get(EXPORT + "?type=traces&format=json&status=error").json().get("row_count").asInt())
        .isEqualTo(3);
    JsonNode metrics = f.get(EXPORT + "?type=metrics&format=json&metric=http_server_duration_seconds").json();
    assertThat(metrics.get("rows").get(0).get("labels").asText()).isEqualTo("route=/a");
    assertThat(metrics.get("rows").get(0).get("count").asInt()).isEqualTo(3);
    assertThat(metrics.get("rows").get(0).get("p50").asDouble()).isBetween(0.19, 0.21);
    String events = f.get(EXPORT + "?type=events&format=csv&event_type=deployment_created").text();
    assertThat(events).contains("deployment_created,subj1,success,1.0,svc,node-a,network=main");
    DashboardApiTest.assertError(f.get(EXPORT + "?type=metrics"), 400, "missing_parameter", "metric");
    DashboardApiTest.assertError(f.get(EXPORT + "?format=csv"), 400, "missing_parameter", "type");
  }
}
