package dev.telemetry.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the plain Jetty shop with requests of known latency (spent on a test clock, so each
 * request takes exactly what it asks for) and status, then reads everything back through the
 * dashboard's HTTP API, as an operator would.
 */
class PlainJettyAppTest {
  private static final String TOKEN = "ops-token-0123456789abcdef";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private PlainJettyApp app;

  @BeforeEach
  void start() throws Exception {
    app = new PlainJettyApp(InMemoryStore.create(), TOKEN, clock, clock::advance, 0);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  private int send(String method, String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(app.baseUrl() + PlainJettyApp.DASHBOARD_PATH + "/api/v1" + pathAndQuery))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** The value at quantile q of the sorted values, by nearest rank. */
  private static double nearestRank(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
  }

  @Test
  void theDashboardShowsWhatThePlainJettyShopDid() throws Exception {
    // 200 order reads with latencies from 5 ms to ~400 ms, 5 of them for orders that do not exist
    Random random = new Random(12);
    List<Double> orderMillis = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double millis = Math.round(5 + 400 * Math.pow(random.nextDouble(), 3) * 1000) / 1000.0;
      orderMillis.add(millis);
      String id = i < 195 ? Integer.toString(1 + i % 50) : "9" + i;
      assertThat(send("GET", "/orders/" + id + "?ms=" + millis, Map.of())).isEqualTo(i < 195 ? 200 : 404);
    }
    // 10 checkouts, 3 of which fail with an exception after logging an ERROR in a trace
    for (int i = 0; i < 10; i++) {
      boolean fail = i % 3 == 0 && i > 0;
      int status = send("POST", "/checkout?ms=30" + (fail ? "&fail=1" : ""),
          Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
      assertThat(status).isEqualTo(fail ? 500 : 201);
    }
    for (int i = 0; i < 7; i++) {
      assertThat(send("GET", "/catalog/shoes/" + (100 + i), Map.of())).isEqualTo(200);
    }
    api("/config"); // the dashboard's own traffic must not show up as a route

    app.telemetry().flush();
    assertThat(app.telemetry().awaitWritten(Duration.ofSeconds(10))).isTrue();
    clock.advance(Duration.ofMinutes(2));
    app.telemetry().flush();
    assertThat(app.telemetry().awaitWritten(Duration.ofSeconds(10))).isTrue();

    Map<String, JsonNode> routes = new HashMap<>();
    api("/top-routes?range=1h&sort=traffic&limit=100").get("routes").forEach(r -> routes.put(r.get("route").asText(), r));
    assertThat(routes).containsOnlyKeys("/orders/{id}", "/checkout", "/catalog/shoes/{id}");
    assertThat(routes.get("/orders/{id}").get("count").asLong()).isEqualTo(200);
    assertThat(routes.get("/checkout").get("count").asLong()).isEqualTo(10);
    assertThat(routes.get("/checkout").get("errors").asLong()).isEqualTo(3);
    assertThat(routes.get("/catalog/shoes/{id}").get("count").asLong()).isEqualTo(7);
    double exactP95 = nearestRank(orderMillis, 0.95) / 1000;
    assertThat(routes.get("/orders/{id}").get("p95").asDouble()).isCloseTo(exactP95, within(exactP95 * 0.01));

    JsonNode logs = api("/logs?trace_id=" + TRACE_ID + "&level=error");
    assertThat(logs.get("items")).hasSize(3).allSatisfy(log -> {
      assertThat(log.get("trace_id").asText()).isEqualTo(TRACE_ID);
      assertThat(log.get("domain").asText()).isEqualTo("shop.checkout");
      assertThat(log.get("event").asText()).isEqualTo("IllegalStateException");
    });

    JsonNode selects = api("/trends?metric=db_query_duration_seconds&range=1h&label.operation=select");
    long selectCount = 0;
    for (JsonNode series : selects.get("series")) {
      for (JsonNode point : series.get("points")) {
        selectCount += point.get("count").asLong();
      }
    }
    assertThat(selectCount).as("one select per order read").isEqualTo(200);

    app.telemetry().summary().refresh(); // what the 5 s refresh would do, without waiting for it
    JsonNode saturation = null;
    for (JsonNode sign : api("/summary").get("vital_signs")) {
      if (sign.get("name").asText().equals("saturation")) {
        saturation = sign;
      }
    }
    assertThat(saturation).isNotNull();
    assertThat(saturation.get("value").isNumber()).as("saturation: " + saturation).isTrue();
    assertThat(saturation.get("value").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(100);
  }
}
