package dev.telemetry.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.Telemetry;
import dev.telemetry.examples.support.ScriptedClocks;
import dev.telemetry.examples.support.ScriptedRequestClock;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.testkit.TestClock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.noop.NoopLongTaskTimer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Boots the shop on a random port (on Boot 3.5 here, on Boot 4.0 in boot4/), drives requests of
 * known route, status and duration, and reads them back through the dashboard's HTTP API with the
 * token from application.properties.
 *
 * <p>Durations are exact because the test gives the starter a scripted request clock: each request
 * lasts what the script says, so the exact p95 is known and the dashboard's, read from merged
 * sketches, is compared with it. The Telemetry instance runs on a clock the test moves a minute on
 * (a {@code TelemetryBuilderCustomizer}, see {@link ScriptedClocks}), because the summary only reads complete minutes.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ScriptedClocks.class)
class ShopApplicationTest {
  private static final String TOKEN = "change-me-to-a-long-random-token";
  private static final String API = "/admin/telemetry/api/v1";
  /** The first 31 hex digits of the checkout requests' trace ids; the request number is the last. */
  private static final String CHECKOUT_TRACE = "4bf92f3577b34da6a3ce929d0e0e473";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  @Autowired
  ScriptedRequestClock clock;

  @Autowired
  TestClock wallClock;

  @Autowired
  Telemetry telemetry;

  @Autowired
  MeterRegistry meterRegistry;

  @Test
  void theDashboardShowsEveryRequestByRouteWithItsStatusAndLatency() throws Exception {
    List<Double> productMillis = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      assertThat(call("GET", "/products/" + (1 + i % 3), i)).isEqualTo(200);
      productMillis.add((double) i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(call("GET", "/products/99", 2)).isEqualTo(404);
      productMillis.add(2.0);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(call("POST", "/orders?productId=1&quantity=2", 10)).isEqualTo(201);
    }
    // Paths no controller maps reach Boot's static resources ("/**"): one /{not_found} route.
    assertThat(call("GET", "/favicon.ico", 1)).isEqualTo(404);
    assertThat(call("GET", "/no/such/page", 1)).isEqualTo(404);
    for (int i = 0; i < 4; i++) {
      assertThat(call("GET", "/checkout", 30, "00-" + CHECKOUT_TRACE + i + "-00f067aa0ba902b7-01")).isEqualTo(500);
    }
    assertThat(dashboard("/summary", TOKEN).statusCode()).isEqualTo(200);
    assertThat(clock.unusedSteps()).as("every app request was timed once, no dashboard request was").isZero();

    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();
    HttpResponse<String> top = dashboard("/top-routes?range=1h&sort=traffic&limit=100", TOKEN);
    assertThat(top.statusCode()).isEqualTo(200);
    Map<String, JsonNode> routes = new HashMap<>();
    json.readTree(top.body()).get("routes").forEach(r -> routes.put(r.get("route").asText(), r));

    assertThat(routes).as(top.body()).containsOnlyKeys("/products/{id}", "/orders", "/checkout", "/{not_found}");
    assertThat(routes.get("/{not_found}").get("count").asLong()).isEqualTo(2);
    assertThat(routes.get("/{not_found}").get("errors").asLong()).isZero();
    assertThat(routes.get("/products/{id}").get("count").asLong()).isEqualTo(203);
    assertThat(routes.get("/orders").get("count").asLong()).isEqualTo(5);
    assertThat(routes.get("/checkout").get("count").asLong()).isEqualTo(4);
    assertThat(routes.get("/checkout").get("errors").asLong()).isEqualTo(4);
    assertThat(routes.get("/products/{id}").get("errors").asLong()).isZero();
    double exactP95 = ScriptedClocks.nearestRank(productMillis, 0.95) / 1000;
    assertThat(routes.get("/products/{id}").get("p95").asDouble()).isCloseTo(exactP95, within(exactP95 * 0.01));
    assertThat(routes.keySet()).as("the dashboard's own requests").noneMatch(route -> route.startsWith("/admin"));
    assertThat(meterRegistry.find("http.server.requests.active").longTaskTimer())
        .as("Boot's observation handler got a real long-task timer for every request, which all answered")
        .isNotNull().isNotInstanceOf(NoopLongTaskTimer.class).extracting(LongTaskTimer::activeTasks).isEqualTo(0);

    // Every lookup ran one SELECT against the embedded database, timed by the starter's DataSource wrapper.
    wallClock.advance(Duration.ofMinutes(1));
    assertThat(queryCount("select")).isEqualTo(203);
    assertThat(queryCount("insert")).isGreaterThanOrEqualTo(5);

    // The checkout's ERROR log carries the trace id of the request that logged it.
    JsonNode logs = json.readTree(dashboard("/logs?level=ERROR&range=1h&trace_id=" + CHECKOUT_TRACE + "2", TOKEN).body());
    assertThat(logs.get("items")).as(logs.toString()).singleElement().satisfies(log -> {
      assertThat(log.get("message").asText()).contains("checkout failed");
      assertThat(log.get("domain").asText()).isEqualTo("shop.checkout");
      assertThat(log.get("event").asText()).isEqualTo("IllegalStateException");
    });

    // Saturation: heap used / max from the JVM gauges, in the summary once its minute is complete.
    // The vital signs leave out the start-up minute (partial), so the gauges are sampled by a flush
    // in the next minute, and read once that minute is complete too.
    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();
    wallClock.advance(Duration.ofMinutes(1));
    telemetry.summary().refresh();
    JsonNode summary = json.readTree(dashboard("/summary", TOKEN).body());
    JsonNode saturation = null;
    for (JsonNode sign : summary.get("vital_signs")) {
      if (sign.get("name").asText().equals("saturation")) {
        saturation = sign;
      }
    }
    assertThat(saturation).as(summary.toString()).isNotNull();
    assertThat(saturation.get("value").isNumber()).as(saturation.toString()).isTrue();
    assertThat(saturation.get("source").asText()).startsWith("process_memory_utilization_ratio");
  }

  private long queryCount(String operation) throws IOException, InterruptedException {
    HttpResponse<String> trends = dashboard("/trends?metric=db_query_duration_seconds&range=1h&label.operation="
        + operation + "&label.sqlstate_class=00", TOKEN);
    assertThat(trends.statusCode()).as(trends.body()).isEqualTo(200);
    long count = 0;
    for (JsonNode series : json.readTree(trends.body()).get("series")) {
      for (JsonNode point : series.get("points")) {
        count += point.get("count").asLong();
      }
    }
    return count;
  }

  @Test
  void theDashboardRefusesRequestsWithoutTheToken() throws Exception {
    assertThat(dashboard("/top-routes", null).statusCode()).isEqualTo(401);
    assertThat(dashboard("/top-routes", "not-the-token-at-all-0000").statusCode()).isEqualTo(403);
  }

  @Test
  void actuatorHealthContributorsAreServicesOfTheHealthMatrix() throws Exception {
    HttpResponse<String> health = dashboard("/health", TOKEN);
    assertThat(health.statusCode()).isEqualTo(200);
    List<String> services = new ArrayList<>();
    json.readTree(health.body()).get("services").forEach(s -> services.add(s.get("service").asText()));
    assertThat(services).contains("db", "diskSpace", "telemetry_store");
  }

  @Test
  void bootsMicrometerBindersRecordIntoTheTelemetryRegistry() {
    assertThat(meterRegistry).isInstanceOf(TelemetryMeterRegistry.class);
    assertThat(meterRegistry.find("jvm.memory.used").gauges()).isNotEmpty();
    assertThat(meterRegistry.find("hikaricp.connections.active").gauge()).isNotNull();
  }

  private int call(String method, String path, long millis) throws IOException, InterruptedException {
    return call(method, path, millis, null);
  }

  private int call(String method, String path, long millis, String traceparent)
      throws IOException, InterruptedException {
    clock.nextRequestTakes(Duration.ofMillis(millis));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpResponse<String> dashboard(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
