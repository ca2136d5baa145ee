package dev.telemetry.examples.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An OTel-SDK app wired only by {@code otel.*} properties, read back through the dashboard API. */
class OtelAutoConfiguredAppTest {
  private static final String TOKEN = "ops-token-0123456789abcdef";
  private static final Map<String, String> PROPERTIES = Map.of(
      "otel.service.name", "orders",
      "otel.traces.exporter", "telemetry",
      "otel.logs.exporter", "telemetry",
      "otel.metrics.exporter", "telemetry");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode api(OtelAutoConfiguredApp app, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.dashboardUrl() + "api/v1/" + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static JsonNode route(JsonNode topRoutes, String route) {
    for (JsonNode r : topRoutes.get("routes")) {
      if (r.get("route").asText().equals(route)) {
        return r;
      }
    }
    throw new AssertionError("no route " + route + " in " + topRoutes);
  }

  /** The nearest-rank p95 of what was sent. */
  private static double exactP95(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
  }

  @Test
  void countsAreExactAndP95IsWithinOnePercentWhenReadThroughTheDashboard() throws Exception {
    List<Double> orderLatencies = new ArrayList<>();
    try (OtelAutoConfiguredApp app = new OtelAutoConfiguredApp(PROPERTIES, TOKEN)) {
      Instant now = Instant.now();
      for (int i = 0; i < 1_000; i++) {
        long millis = 100 + i % 50;
        orderLatencies.add(millis / 1000.0);
        app.handleRequest("/orders/{id}", i % 100 == 0 ? 503 : 200, now.minusSeconds(2), Duration.ofMillis(millis));
      }
      for (int i = 0; i < 200; i++) {
        app.handleRequest("/orders", 200, now.minusSeconds(2), Duration.ofMillis(30));
      }
      app.flush();

      JsonNode topRoutes = api(app, "top-routes?range=1h&sort=traffic");
      assertThat(topRoutes.get("latency_unit").asText()).isEqualTo("seconds");
      JsonNode byId = route(topRoutes, "/orders/{id}");
      assertThat(byId.get("count").asLong()).isEqualTo(1_000);
      assertThat(byId.get("errors").asLong()).isEqualTo(10);
      double exact = exactP95(orderLatencies);
      assertThat(byId.get("p95").asDouble()).isCloseTo(exact, within(exact * 0.01));
      assertThat(route(topRoutes, "/orders").get("count").asLong()).isEqualTo(200);

      JsonNode logs = api(app, "logs?level=error&limit=100");
      assertThat(logs.get("items")).hasSize(10).allSatisfy(log -> {
        assertThat(log.get("service").asText()).isEqualTo("orders");
        assertThat(log.get("trace_id").asText()).hasSize(32);
      });
      assertThat(api(app, "traces?status=error&limit=100").get("items")).hasSize(10);
    }
  }
}
