package dev.telemetry.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.Telemetry;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.spring.TelemetryRequestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Boots the shop on a random port (on Boot 3.5 here, on Boot 4.0 in boot4/), drives requests of
 * known route, status and duration, and reads them back through the dashboard's HTTP API with the
 * token from application.properties.
 *
 * <p>Durations are exact because the test gives the starter a scripted request clock (its only
 * test seam): each request lasts what the script says, so the exact p95 is known and the
 * dashboard's, read from merged sketches, is compared with it.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ShopApplicationTest.ScriptedClockConfiguration.class)
class ShopApplicationTest {
  private static final String TOKEN = "change-me-to-a-long-random-token";
  private static final String API = "/admin/telemetry/api/v1";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  @Autowired
  ScriptedRequestClock clock;

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
    for (int i = 0; i < 4; i++) {
      assertThat(call("GET", "/checkout", 30)).isEqualTo(500);
    }
    assertThat(dashboard("/summary", TOKEN).statusCode()).isEqualTo(200);
    assertThat(clock.unusedSteps()).as("every app request was timed once, no dashboard request was").isZero();

    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();
    HttpResponse<String> top = dashboard("/top-routes?range=1h&sort=traffic&limit=100", TOKEN);
    assertThat(top.statusCode()).isEqualTo(200);
    Map<String, JsonNode> routes = new HashMap<>();
    json.readTree(top.body()).get("routes").forEach(r -> routes.put(r.get("route").asText(), r));

    assertThat(routes).as(top.body()).containsOnlyKeys("/products/{id}", "/orders", "/checkout");
    assertThat(routes.get("/products/{id}").get("count").asLong()).isEqualTo(203);
    assertThat(routes.get("/orders").get("count").asLong()).isEqualTo(5);
    assertThat(routes.get("/checkout").get("count").asLong()).isEqualTo(4);
    assertThat(routes.get("/checkout").get("errors").asLong()).isEqualTo(4);
    assertThat(routes.get("/products/{id}").get("errors").asLong()).isZero();
    double exactP95 = nearestRank(productMillis, 0.95) / 1000;
    assertThat(routes.get("/products/{id}").get("p95").asDouble()).isCloseTo(exactP95, within(exactP95 * 0.01));
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
    clock.nextRequestTakes(Duration.ofMillis(millis));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpResponse<String> dashboard(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value at rank ceil(q·n) of the sorted values (the definition a quantile sketch approximates). */
  private static double nearestRank(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
  }

  /** A request clock that makes the next request last exactly what the test says. */
  static final class ScriptedRequestClock implements TelemetryRequestClock {
    private final ArrayDeque<Long> steps = new ArrayDeque<>();
    private long now;

    synchronized void nextRequestTakes(Duration duration) {
      steps.add(0L);
      steps.add(duration.toNanos());
    }

    synchronized int unusedSteps() {
      return steps.size();
    }

    @Override
    public synchronized long nanoTime() {
      Long step = steps.poll();
      now += step == null ? 0 : step;
      return now;
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class ScriptedClockConfiguration {
    @Bean
    ScriptedRequestClock scriptedRequestClock() {
      return new ScriptedRequestClock();
    }
  }
}
