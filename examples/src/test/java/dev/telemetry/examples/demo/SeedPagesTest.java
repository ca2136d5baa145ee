package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks each seed's element list (docs/seeds.md) against the running demo's {@code /pages/<id>}
 * JSON: every element is present where the table says, and its value is plausible. Elements the
 * table lists as pending or not applicable are not walked here.
 */
class SeedPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Demo demo;

  @BeforeAll
  static void startTheDemoWithADayOfHistory() throws Exception {
    demo = Demo.start(DemoArguments.parse(List.of("--port", "0", "--store", "memory", "--backfill-days", "1",
        "--token", "seed-token-0123456789")), new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(demo.awaitBackfill(Duration.ofMinutes(3))).isTrue();
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @Test
  void seed000AdminTelemetryPlan() throws Exception {
    JsonNode overview = page("overview", 60);
    assertThat(stat(overview, "totals", "Active users")).isPositive();
    assertThat(stat(overview, "totals", "Commands")).isPositive();
    assertThat(stat(overview, "totals", "Alerts fired")).isBetween(24 * 3600 / 80.0 * 0.8, 24 * 3600 / 80.0 * 1.2);
    assertThat(stat(overview, "totals", "Stale keys")).isBetween(0.0, 2.0);
    assertThat(stat(overview, "totals", "Services down")).isGreaterThanOrEqualTo(0);
    assertThat(stat(overview, "totals", "Abuse blocks")).isPositive();

    JsonNode users = page("users", 300);
    double activeUsers = stat(users, "totals", "Active users (24 h)");
    double sessions = stat(users, "totals", "Active sessions (24 h)");
    assertThat(stat(users, "totals", "Users seen (30 d)")).isGreaterThanOrEqualTo(activeUsers).isPositive();
    assertThat(sessions).isPositive().isNotEqualTo(activeUsers);
    assertThat(labels(view(users, "tier_distribution").get("bars"))).containsOnly("free", "pro", "enterprise");
    assertThat(percentSum(view(users, "tier_distribution"))).isCloseTo(100, offset(0.1));
    List<HostDatabase.InviteCode> codes = demo.hostDatabase().inviteCodes();
    assertThat(stat(users, "invite_totals", "Codes generated")).isEqualTo(codes.size());
    assertThat(stat(users, "invite_totals", "Redeemed (30 d)")).isGreaterThanOrEqualTo(0);
    JsonNode inviteTable = view(users, "invite_codes");
    assertThat(columns(inviteTable)).containsExactly("code", "tier", "created_at", "redeemed", "max_uses", "used");
    assertThat(inviteTable.get("rows")).hasSize(codes.size());
    for (int i = 0; i < codes.size(); i++) {
      JsonNode row = inviteTable.get("rows").get(i);
      assertThat(row.get(0).asText()).isEqualTo(codes.get(i).code());
      assertThat(row.get(1).asText()).isEqualTo(codes.get(i).tier());
      assertThat(row.get(4).asInt()).isEqualTo(codes.get(i).maxUses());
    }
    JsonNode tierChanges = view(users, "recent_tier_changes");
    assertThat(columns(tierChanges)).containsExactly("at", "from", "to");
    assertThat(tierChanges.get("rows")).isNotEmpty();

    JsonNode toggles = page("menu-toggles", 300);
    assertThat(stat(toggles, "totals", "Toggle events")).isPositive();
    JsonNode usage = view(toggles, "feature_usage");
    assertThat(usage.get("rows")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get(1).asLong() + r.get(2).asLong()).isEqualTo(r.get(3).asLong()));
    assertThat(view(toggles, "recent_toggles").get("rows")).isNotEmpty().hasSizeLessThanOrEqualTo(20);

    JsonNode api = page("api-usage", 300);
    assertThat(stat(api, "totals", "API calls")).isPositive();
    JsonNode providers = view(api, "providers");
    assertThat(columns(providers)).containsExactly("provider", "calls", "errors", "avg_ms", "p95_ms");
    assertThat(providers.get("rows")).hasSize(DemoModel.PROVIDERS.size()).allSatisfy(r -> {
      assertThat(r.get(1).asLong()).isPositive().isGreaterThanOrEqualTo(r.get(2).asLong());
      assertThat(r.get(3).asDouble()).isBetween(80.0, 2000.0);
    });
    assertThat(stat(api, "cache", "Hit rate")).isBetween(75.0, 90.0);
    assertThat(stat(api, "cache", "Hits") + stat(api, "cache", "Misses")).isEqualTo(stat(api, "cache", "Lookups"));

    JsonNode fresh = page("freshness", 60);
    assertThat(stat(fresh, "totals", "Keys")).isEqualTo(2);
    JsonNode keys = view(fresh, "snapshot_keys");
    assertThat(columns(keys)).containsExactly("key", "status", "age_s", "ttl_s", "updated_at");
    assertThat(keys.get("rows")).extracting(r -> r.get(0).asText()).contains("price_snapshot", "exchange_rates");

    JsonNode jobs = page("jobs", 300);
    JsonNode jobTable = view(jobs, "jobs");
    assertThat(columns(jobTable)).contains("job", "status", "last_run", "duration_ms", "interval_s", "runs_24h",
        "errors_24h");
    assertThat(jobTable.get("rows")).extracting(r -> r.get(0).asText())
        .contains("link_processor", "digest_mailer", "alert_dispatcher");

    JsonNode alerts = page("alerts", 300);
    double fired = stat(alerts, "totals", "Fired");
    assertThat(fired).isEqualTo(stat(overview, "totals", "Alerts fired"));
    assertThat(stat(alerts, "totals", "Dismissed")).isPositive();
    JsonNode lifecycle = view(alerts, "lifecycle_breakdown");
    assertThat(labels(lifecycle.get("bars"))).containsExactlyInAnyOrder("fired", "created", "dismissed", "expired");
    assertThat(percentSum(lifecycle)).isCloseTo(100, offset(0.1));
    JsonNode dispatcher = view(alerts, "alertd_jobs");
    assertThat(columns(dispatcher)).containsExactly("job", "last_run", "duration_s", "ok", "interval_s", "runs_24h",
        "errors_24h", "sent_24h");
    assertThat(dispatcher.get("rows").get(0).get(7).asLong()).isBetween(288L, 288L * 5); // 0-5 notifications a run
    assertThat(dispatcher.get("rows")).singleElement().satisfies(r -> {
      assertThat(r.get(4).asLong()).isEqualTo(300);
      assertThat(r.get(5).asLong()).isBetween(280L, 290L); // every 5 minutes over the day
    });
    assertThat(view(alerts, "alertd_status").get("items")).singleElement()
        .satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("healthy"));
  }

  @Test
  void seed000DatabasePage() throws Exception {
    JsonNode db = page("database", 600);
    assertThat(stat(db, "size", "Tables")).isPositive();
    assertThat(stat(db, "size", "Rows")).isPositive();
    JsonNode tables = view(db, "largest_tables");
    assertThat(columns(tables)).containsExactly("table", "rows", "size_mb", "oldest", "newest");
    assertThat(tables.get("rows")).isNotEmpty();
    long rows = 0;
    for (JsonNode r : tables.get("rows")) {
      rows += r.get(1).asLong();
    }
    // Each section reads the store when it is computed, and the demo's live traffic may flush
    // between two sections: the table's rows add up to the card within one flush.
    assertThat((double) rows).isCloseTo(stat(db, "size", "Rows"), org.assertj.core.api.Assertions.within(
        stat(db, "size", "Rows") * 0.01));
    assertThat(view(db, "upkeep").get("rows")).hasSize(3);
    assertThat(stat(db, "system_metrics", "Process memory (of max)")).isBetween(0.0, 100.0);
  }

  @Test
  void seed001AdminCommandCenter() throws Exception {
    JsonNode center = page("command-center", 10);
    JsonNode vitals = view(center, "vital_signs").get("stats");
    assertThat(vitals).hasSize(4);
    // Latency, errors and saturation carry a DESIGN §5 colour; traffic has no threshold.
    assertThat(vitals).extracting(s -> s.get("status").asText()).element(0).isIn("green", "yellow", "red");
    assertThat(vitals).extracting(s -> s.get("status").asText()).element(1).isEqualTo("unknown");
    assertThat(vitals).extracting(s -> s.get("status").asText()).element(2).isIn("green", "yellow", "red");
    assertThat(vitals).extracting(s -> s.get("status").asText()).element(3).isIn("green", "yellow", "red");
    assertThat(stat(center, "vital_signs", "Latency p95 (5 min)")).isBetween(20.0, 5000.0);
    assertThat(stat(center, "vital_signs", "Traffic (1 min)")).isGreaterThan(0.0).isLessThan(40.0); // live traffic slows down on a loaded machine
    assertThat(stat(center, "vital_signs", "Errors (5 min)")).isBetween(0.0, 100.0);
    assertThat(stat(center, "vital_signs", "Saturation: DB pool (5 min max)")).isBetween(5.0, 100.0);
    assertThat(labelsOf(view(center, "services").get("items"), "name"))
        .contains("http_api", "worker", "search_cluster", "app_database");
    for (JsonNode item : view(center, "services").get("items")) {
      switch (item.get("name").asText()) {
        case "search_cluster" -> assertThat(item.get("detail").asText()).startsWith("HTTP 200 in ");
        case "app_database" -> assertThat(item.get("detail").asText()).isEqualTo("connection valid");
        case "http_api" -> assertThat(item.get("detail").asText()).contains("error rate").contains("over 5 min");
        default -> { }
      }
    }
    JsonNode feed = view(center, "error_feed");
    assertThat(columns(feed)).containsExactly("ts", "service", "domain", "event", "message", "trace_id");
    assertThat(feed.get("rows")).isNotEmpty().hasSizeLessThanOrEqualTo(25);
    JsonNode latency = view(center, "latency").get("series");
    assertThat(labelsOf(latency, "name")).containsExactly("p50", "p95", "p99");
    assertThat(view(center, "slow_routes").get("rows")).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    assertThat(view(center, "failing_routes").get("rows")).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    assertThat(view(center, "error_categories").get("bars")).isNotEmpty();
    assertThat(stat(center, "database", "Pool max")).isEqualTo(LiveTraffic.POOL_SIZE);
    assertThat(stat(center, "database", "Pool active (avg)") + stat(center, "database", "Pool idle (avg)"))
        .isCloseTo(LiveTraffic.POOL_SIZE, offset(0.001));
    assertThat(stat(center, "database", "Query p95")).isPositive();
  }

  @Test
  void seed002DeploymentsTelemetryTask() throws Exception {
    JsonNode deployments = page("deployments", 300);
    double count = stat(deployments, "deployments", "Deployments");
    assertThat(count).isBetween(Events.DEPLOYMENTS_PER_SECOND * 86400 * 0.8, Events.DEPLOYMENTS_PER_SECOND * 86400 * 1.2);
    assertThat(stat(deployments, "deployments", "Success rate")).isBetween(88.0, 96.0);
    assertThat(stat(deployments, "deployments", "Active projects")).isPositive().isLessThan(count);
    assertThat(labels(view(deployments, "active_projects_by_network").get("bars")))
        .containsExactlyInAnyOrderElementsOf(DemoModel.NETWORKS);
    assertThat(percentSum(view(deployments, "network_split"))).isCloseTo(100, offset(0.1));
    assertThat(labels(view(deployments, "template_adoption").get("bars")))
        .containsExactlyInAnyOrderElementsOf(DemoModel.TEMPLATES);
    JsonNode perNetwork = view(deployments, "template_adoption_by_network");
    assertThat(perNetwork.get("rows")).hasSize(DemoModel.NETWORKS.size()).allSatisfy(r -> {
      double sum = 0;
      for (int i = 1; i < r.size(); i++) {
        sum += r.get(i).asDouble();
      }
      assertThat(sum).isCloseTo(1.0, offset(0.001));
    });
    assertThat(labelsOf(view(deployments, "per_day").get("series"), "name"))
        .containsExactly("deployments", "active projects");
  }

  @Test
  void seed003SqliteTelemetryRunbook() throws Exception {
    JsonNode devnet = page("devnet", 10);
    assertThat(stat(devnet, "traffic", "Requests processed")).isPositive();
    assertThat(stat(devnet, "traffic", "Traffic success rate")).isBetween(95.0, 100.0);
    assertThat(stat(devnet, "users", "All time (30 d)")).isGreaterThanOrEqualTo(stat(devnet, "users", "Last 24 h"));
    double executions = stat(devnet, "executions", "All time");
    assertThat(executions).isGreaterThanOrEqualTo(10);
    assertThat(stat(devnet, "executions", "Succeeded") + stat(devnet, "executions", "Failed")).isEqualTo(executions);
    assertThat(labels(view(devnet, "executions_by_asset").get("bars"))).containsExactlyInAnyOrderElementsOf(Events.ASSETS);
    JsonNode volume = view(devnet, "volume_by_asset");
    assertThat(labels(volume.get("bars"))).containsExactlyInAnyOrderElementsOf(Events.ASSETS);
    assertThat(percentSum(volume)).isCloseTo(100, offset(0.1));
    double volumeTotal = 0;
    for (JsonNode bar : volume.get("bars")) {
      volumeTotal += bar.get("value").asDouble();
    }
    JsonNode fees = view(devnet, "fees").get("rows");
    JsonNode allFees = fees.get(fees.size() - 1);
    assertThat(allFees.get(0).asText()).isEqualTo("all");
    // Fees are 25 bps of the successful executions' volume: at most 0.25 % of all volume, at least of 85 % of it.
    assertThat(allFees.get(1).asDouble()).isBetween(volumeTotal * Events.FEE_BPS / 10_000.0 * 0.85,
        volumeTotal * Events.FEE_BPS / 10_000.0);
    assertThat(stat(devnet, "fee_rate", "Fee")).isEqualTo(Events.FEE_BPS);
    JsonNode endpoints = view(devnet, "endpoints");
    assertThat(columns(endpoints)).containsExactly("endpoint", "total", "ok", "fail", "ok_pct", "avg_ms", "p95_ms");
    assertThat(endpoints.get("rows")).hasSize(DemoModel.ROUTES.size()).allSatisfy(r -> {
      assertThat(r.get(2).asLong() + r.get(3).asLong()).isEqualTo(r.get(1).asLong());
      assertThat(r.get(6).asDouble()).isGreaterThan(r.get(5).asDouble() * 0.5);
    });
  }

  @Test
  void seed004LinkProcessingDashboardSpec() throws Exception {
    JsonNode links = page("link-processing", 60);
    double total = stat(links, "totals", "Total");
    assertThat(total).isPositive();
    assertThat(stat(links, "totals", "Completed") + stat(links, "totals", "Pending") + stat(links, "totals", "Failed"))
        .isEqualTo(total);
    assertThat(stat(links, "totals", "Success rate")).isBetween(90.0, 97.0);
    assertThat(stat(links, "activity", "Last 7 days")).isGreaterThanOrEqualTo(stat(links, "activity", "Today (UTC)"))
        .isGreaterThanOrEqualTo(total); // a day of history: the week holds all of it
    // Only one day of history: the week before is empty, so there is no change to show.
    assertThat(view(links, "activity").get("stats").get(2).get("value").isNull()).isTrue();
    assertThat(stat(links, "performance", "p95")).isGreaterThan(stat(links, "performance", "Average"));
    // The ten most frequent domains, most first, then "other" for the remaining four.
    JsonNode domains = view(links, "top_domains").get("bars");
    assertThat(labels(domains)).hasSize(11).endsWith("other").startsWith("github.com");
    assertThat(percentSum(view(links, "top_domains"))).isCloseTo(100, offset(0.1));
    assertThat(labelsOf(view(links, "links_per_day").get("series"), "name")).containsExactly("links");
    JsonNode errors = view(links, "recent_errors");
    assertThat(columns(errors)).containsExactly("ts", "event", "message");
    // WARN and ERROR events of the links domain: failed fetches and failed link submissions.
    assertThat(errors.get("rows")).isNotEmpty().allSatisfy(r -> assertThat(r.get(1).asText())
        .isIn("link_failed", "request_failed"));
    // The ten newest rows: which of the two events they hold depends on how fast live traffic ran,
    // so each row is checked against its own event's message.
    assertThat(errors.get("rows")).allSatisfy(r -> assertThat(r.get(2).asText())
        .contains(r.get(1).asText().equals("link_failed") ? "upstream returned 502" : "POST /api/links failed"));
  }

  // ---- reading the page JSON ----------------------------------------------------------------

  private static JsonNode page(String id, long ttlSeconds) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl() + "api/v1/pages/" + id))
        .header("Authorization", "Bearer " + demo.token()).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(id).isEqualTo(200);
    JsonNode page = JSON.readTree(response.body());
    assertThat(page.get("ttl_seconds").asLong()).as(id + " TTL").isEqualTo(ttlSeconds);
    assertThat(page.get("errors")).as(id + " errors").isEmpty();
    return page;
  }

  private static JsonNode view(JsonNode page, String section) {
    for (JsonNode s : page.get("sections")) {
      if (s.get("name").asText().equals(section)) {
        assertThat(s.get("state").asText()).as(section).isEqualTo("ok");
        return s.get("view");
      }
    }
    throw new AssertionError("no section " + section + " on page " + page.get("id"));
  }

  private static double stat(JsonNode page, String section, String label) {
    for (JsonNode s : view(page, section).get("stats")) {
      if (s.get("label").asText().equals(label)) {
        assertThat(s.get("value").isNumber()).as(section + "/" + label).isTrue();
        return s.get("value").asDouble();
      }
    }
    throw new AssertionError("no stat " + label + " in " + section);
  }

  private static List<String> columns(JsonNode table) {
    return labelsOf(table.get("columns"), "key");
  }

  private static List<String> labels(JsonNode bars) {
    return labelsOf(bars, "label");
  }

  private static List<String> labelsOf(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static double percentSum(JsonNode breakdown) {
    return StreamSupport.stream(breakdown.get("bars").spliterator(), false).mapToDouble(b -> b.get("percent").asDouble())
        .sum();
  }
}
