package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /events} analytics, {@code /events/types}, the {@code event_stats} export and {@code /store} over HTTP. */
class EventAnalyticsApiTest {
  private static final String API = "/admin/telemetry/api/v1";
  private final DashboardFixture f = new DashboardFixture();

  @BeforeEach
  void swaps() {
    List<BusinessEvent> events = new ArrayList<>();
    // this week: eth 4 × 10, usdc 2 × 100 (one on testnet), dai 1 × 1000; last week: eth 2 × 10
    for (int i = 0; i < 4; i++) {
      events.add(swap(NOW.minus(Duration.ofHours(i + 1)), "eth", "mainnet", 10));
    }
    events.add(swap(NOW.minus(Duration.ofHours(5)), "usdc", "mainnet", 100));
    events.add(swap(NOW.minus(Duration.ofHours(6)), "usdc", "testnet", 100));
    events.add(swap(NOW.minus(Duration.ofHours(7)), "dai", "mainnet", 1000));
    events.add(swap(NOW.minus(Duration.ofDays(8)), "eth", "mainnet", 10));
    events.add(swap(NOW.minus(Duration.ofDays(9)), "eth", "mainnet", 10));
    // stored as a careless store might hold it: a forbidden dimension key and an e-mail in a value
    events.add(new BusinessEvent(NOW.minusSeconds(30), "invite_sent", "s1",
        Map.of("email", "bob@example.com", "channel", "mail to bob@example.com"), Outcome.NONE, 0, "svc", "node-a"));
    f.store.write(new WriteBatch("swaps", "node-a", List.of(), List.of(), List.of(), events, List.of()));
  }

  private static BusinessEvent swap(java.time.Instant ts, String asset, String network, double value) {
    return new BusinessEvent(ts, "swap", "w-" + asset, Map.of("asset", asset, "network", network), Outcome.SUCCESS,
        value, "svc", "node-a");
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void servesValueStatisticsTopNWithOtherAndWeekOverWeek() {
    JsonNode e = f.get(API + "/events?type=swap&range=7d&by=asset&limit=1&compare=previous").json();

    assertThat(e.get("count").asLong()).isEqualTo(7);
    JsonNode value = e.get("value_stats");
    assertThat(value.get("sum").asDouble()).isEqualTo(1240.0);
    assertThat(value.get("avg").asDouble()).isCloseTo(1240.0 / 7, within(1e-9));
    assertThat(value.get("p50").asDouble()).isCloseTo(10.0, within(10 * 0.0054));
    assertThat(value.get("p95").asDouble()).isCloseTo(1000.0, within(1000 * 0.0054));
    JsonNode rows = e.get("breakdown");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("value").asText()).isEqualTo("eth");
    assertThat(rows.get(0).get("value_stats").get("sum").asDouble()).isEqualTo(40.0);
    assertThat(rows.get(0).get("previous_count").asLong()).isEqualTo(2);
    assertThat(rows.get(0).get("count_change_percent").asDouble()).isEqualTo(100.0);
    assertThat(rows.get(1).get("value").asText()).isEqualTo("other");
    assertThat(rows.get(1).get("count").asLong()).isEqualTo(3);
    assertThat(rows.get(1).get("value_stats").get("sum").asDouble()).isEqualTo(1200.0);
    assertThat(rows.get(1).get("previous_count").asLong()).isZero();
    assertThat(e.get("previous").get("count").asLong()).isEqualTo(2);
    assertThat(e.get("previous").get("count_change_percent").asDouble()).isEqualTo(250.0);
    assertThat(e.get("previous").get("complete").asBoolean()).isTrue();
  }

  @Test
  void answersNinetyDaysAndAllTimeFromDayRollupsAndKeepsShorterQueriesToTheRetention() {
    // A day rolled up 60 days ago, its raw events long deleted: only the rollup knows it.
    java.time.Instant day = dev.telemetry.store.Resolution.DAY.bucketStart(NOW).minus(Duration.ofDays(60));
    f.store.replaceEventDays(day, List.of(new dev.telemetry.store.EventDayRollup(day, "swap",
        Map.of("asset", "eth", "network", "mainnet"), 5, 5, 0, 5, 50, 0, null)));
    f.store.writeWatermark(dev.telemetry.rollup.Watermarks.EVENT_DAY, dev.telemetry.store.Resolution.DAY.bucketStart(NOW));

    JsonNode ninety = f.get(API + "/events?type=swap&range=90d&by=asset").json();
    JsonNode all = f.get(API + "/events?type=swap&range=all").json();

    assertThat(ninety.get("count").asLong()).isEqualTo(9 + 5);
    assertThat(ninety.get("value_stats").get("sum").asDouble()).isEqualTo(1260.0 + 50);
    assertThat(ninety.get("breakdown").get(0).get("value").asText()).isEqualTo("eth");
    assertThat(ninety.get("breakdown").get(0).get("count").asLong()).isEqualTo(6 + 5);
    assertThat(ninety.get("rolled_up_before").asText()).isNotEmpty();
    assertThat(all.get("count").asLong()).isEqualTo(9 + 5);
    DashboardApiTest.assertError(f.get(API + "/trends?metric=http_server_requests_total&range=90d"), 400,
        "invalid_parameter", "range");
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&range=5y"), 400, "invalid_parameter", "range");
  }

  @Test
  void filtersByOneDimensionAndSplitsByAnother() {
    JsonNode e = f.get(API + "/events?type=swap&range=7d&by=asset&filter.network=mainnet").json();

    assertThat(e.get("count").asLong()).isEqualTo(6);
    assertThat(e.get("filter").get("network").asText()).isEqualTo("mainnet");
    assertThat(e.get("breakdown").findValuesAsText("value")).containsExactly("eth", "dai", "usdc");
    assertThat(e.get("previous").isNull()).isTrue();
  }

  @Test
  void refusesBadAnalyticsParametersNamingThem() {
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&filter.a%20b=1"), 400, "invalid_parameter",
        "filter.a b");
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&filter.network="), 400, "invalid_parameter",
        "filter.network");
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&compare=next"), 400, "invalid_parameter", "compare");
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&limit=101"), 400, "invalid_parameter", "limit");
    DashboardApiTest.assertError(f.get(API + "/events?type=swap&by=a%20b"), 400, "invalid_parameter", "by");
    StringBuilder nine = new StringBuilder(API + "/events?type=swap");
    for (int i = 0; i < 9; i++) {
      nine.append("&filter.k").append(i).append("=v");
    }
    DashboardApiTest.assertError(f.get(nine.toString()), 400, "invalid_parameter", "filter");
    DashboardApiTest.assertError(f.get(API + "/events/types?limit=0"), 400, "invalid_parameter", "limit");
    DashboardApiTest.assertError(f.get(API + "/events/types?type=swap"), 400, "unknown_parameter", "type");
  }

  @Test
  void listsEventTypesWithoutForbiddenKeys() {
    JsonNode types = f.get(API + "/events/types?range=7d").json().get("types");

    assertThat(types.findValuesAsText("type")).containsExactly("swap", "invite_sent");
    assertThat(types.get(0).get("count").asLong()).isEqualTo(7);
    assertThat(types.get(0).get("dimension_keys").toString()).isEqualTo("[\"asset\",\"network\"]");
    assertThat(types.get(1).get("dimension_keys").toString()).isEqualTo("[\"channel\"]");
    assertThat(types.get(0).get("last_seen").asText()).isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
  }

  @Test
  void scrubsDimensionValuesOnTheWayOut() {
    String body = f.get(API + "/events?type=invite_sent&range=24h&by=channel").text();
    String csv = f.get(API + "/export?type=event_stats&event_type=invite_sent&by=channel&format=csv").text();

    assertThat(body).contains("\"count\":1").doesNotContain("bob@example.com");
    assertThat(csv).contains("value,").doesNotContain("bob@example.com");
  }

  @Test
  void exportsTheAnalyticsAsCsvAndJson() {
    String csv = f.get(API + "/export?type=event_stats&event_type=swap&range=7d&by=asset&limit=2"
        + "&filter.network=mainnet&compare=previous&format=csv").text();
    JsonNode json = f.get(API + "/export?type=event_stats&event_type=swap&range=7d&by=asset&format=json").json();

    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo(String.join(",", EventViews.STATS_COLUMNS));
    assertThat(lines.get(1)).startsWith("total,,6,100.0,3,100.0,1.0,6,1140.0,190.0,").endsWith(",2,200.0");
    assertThat(lines.subList(2, 5)).extracting(l -> l.split(",", -1)[1]).containsExactly("eth", "dai", "other");
    assertThat(lines.get(2)).startsWith("value,eth,4,").endsWith(",2,100.0");
    assertThat(json.get("rows")).hasSize(4);
    assertThat(json.get("rows").get(0).get("row").asText()).isEqualTo("total");
    assertThat(json.get("rows").get(1).get("value_sum").asDouble()).isEqualTo(40.0);
    DashboardApiTest.assertError(f.get(API + "/export?type=event_stats&format=csv"), 400, "missing_parameter",
        "event_type");
  }

  @Test
  void servesStoreStatsWithTheLastRetentionRunAndTheSizeBudget() {
    f.telemetry.retention().runOnce();
    JsonNode s = f.get(API + "/store").json();

    assertThat(s.get("store").asText()).isEqualTo("in-memory");
    assertThat(s.get("database_bytes").isNull()).isTrue();
    assertThat(s.get("last_retention_run").asText()).isEqualTo(NOW.toString());
    JsonNode events = null;
    for (JsonNode t : s.get("tables")) {
      if (t.get("name").asText().equals("events")) {
        events = t;
      }
    }
    assertThat(events).isNotNull();
    assertThat(events.get("rows").asLong()).isEqualTo(10);
    assertThat(events.get("newest").asText()).isEqualTo(NOW.minusSeconds(30).toString());
    assertThat(s.get("newest_row").asText()).isEqualTo(NOW.minusSeconds(30).toString());
    assertThat(s.get("size_budget").get("yellow_mb").asDouble()).isEqualTo(1024.0);
  }
}
