package dev.telemetry.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.Telemetry;
import dev.telemetry.examples.support.ScriptedClocks;
import dev.telemetry.examples.support.ScriptedRequestClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Boots the WebFlux shop on Netty on a random port (Boot 3.5 here, Boot 4.0 in boot4/), drives
 * requests of known route, status and duration, a thrown exception and a failed Mono among them,
 * and reads them back through the dashboard the starter serves on the same server.
 *
 * <p>Durations are exact because the test gives the starter a scripted request clock (each request
 * lasts what the script says); the Telemetry instance runs on a wall clock the test moves.
 */
@SpringBootTest(classes = ReactiveShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ScriptedClocks.class)
class ReactiveShopApplicationTest {
  static final String TOKEN = "change-me-to-a-long-random-token";
  static final String MOUNT = "/admin/telemetry";
  static final String API = MOUNT + "/api/v1";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  @Autowired
  ScriptedRequestClock clock;

  @Autowired
  Telemetry telemetry;

  @Test
  void noServletApiIsOnTheClassPath() {
    assertThat(getClass().getClassLoader().getResource("jakarta/servlet/Servlet.class")).isNull();
  }

  @Test
  void theDashboardShowsEveryRequestByRouteTemplateWithItsStatusErrorsAndLatency() throws Exception {
    List<Double> productMillis = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      assertThat(call("/products/" + (1 + i % 3), i)).isEqualTo(200);
      productMillis.add((double) i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(call("/products/99", 2)).isEqualTo(404);
      productMillis.add(2.0);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(call("/orders/" + i + "/invoice", 30)).isEqualTo(500);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(call("/payments/" + i, 40)).isEqualTo(500);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(call("/stock/A-" + i, 5)).isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(call("/nowhere/" + i, 1)).isEqualTo(404);
    }
    assertThat(dashboard("/summary", TOKEN).statusCode()).isEqualTo(200);
    assertThat(clock.unusedSteps()).as("every app request was timed once, no dashboard request was").isZero();

    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();
    HttpResponse<String> top = dashboard("/top-routes?range=1h&sort=traffic&limit=100", TOKEN);
    assertThat(top.statusCode()).as(top.body()).isEqualTo(200);
    Map<String, JsonNode> routes = new HashMap<>();
    json.readTree(top.body()).get("routes").forEach(r -> routes.put(r.get("route").asText(), r));

    assertThat(routes).as(top.body())
        .containsOnlyKeys("/products/{id}", "/orders/{id}/invoice", "/payments/{id}", "/stock/{sku}", "/{not_found}");
    assertThat(routes.get("/products/{id}").get("count").asLong()).isEqualTo(203);
    assertThat(routes.get("/products/{id}").get("errors").asLong()).as("a 404 is not an error").isZero();
    assertThat(routes.get("/orders/{id}/invoice").get("count").asLong()).isEqualTo(4);
    assertThat(routes.get("/orders/{id}/invoice").get("errors").asLong()).isEqualTo(4);
    assertThat(routes.get("/payments/{id}").get("count").asLong()).isEqualTo(5);
    assertThat(routes.get("/payments/{id}").get("errors").asLong()).isEqualTo(5);
    assertThat(routes.get("/stock/{sku}").get("count").asLong()).isEqualTo(6);
    assertThat(routes.get("/{not_found}").get("count").asLong()).isEqualTo(2);
    double exactP95 = ScriptedClocks.nearestRank(productMillis, 0.95) / 1000;
    assertThat(routes.get("/products/{id}").get("p95").asDouble()).isCloseTo(exactP95, within(exactP95 * 0.01));
    assertThat(routes.get("/stock/{sku}").get("p95").asDouble()).isCloseTo(0.005, within(0.005 * 0.01));

    HttpResponse<String> errors = dashboard("/top-errors?range=1h&limit=100", TOKEN);
    Map<String, Long> errorCounts = new HashMap<>();
    json.readTree(errors.body()).get("categories").forEach(c -> {
      if (c.get("source").asText().equals("metric")) {
        errorCounts.put(c.get("name").asText(), c.get("count").asLong());
      }
    });
    assertThat(errorCounts).as(errors.body())
        .containsEntry("IllegalStateException", 4L)
        .containsEntry("PaymentGatewayException", 5L)
        .doesNotContainKeys("ResponseStatusException", "NoResourceFoundException");
  }

  @Test
  void theDashboardRefusesRequestsWithoutTheToken() throws Exception {
    assertThat(dashboard("/top-routes", null).statusCode()).isEqualTo(401);
    assertThat(dashboard("/top-routes", "not-the-token-at-all-0000").statusCode()).isEqualTo(403);
  }

  @Test
  void theSummaryIsConditionalOnItsEntityTag() throws Exception {
    // The summary is recomputed every few seconds (its uptime changes), so a read may straddle a
    // recomputation: then the answer is a 200 with a new tag. Within a few tries one is a 304.
    int notModified = 0;
    for (int attempt = 0; attempt < 5 && notModified == 0; attempt++) {
      HttpResponse<String> first = dashboard("/summary", TOKEN);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(url(API + "/summary")))
          .header("Authorization", "Bearer " + TOKEN).header("If-None-Match", etag).build(),
          HttpResponse.BodyHandlers.ofString());
      if (again.statusCode() == 304) {
        assertThat(again.body()).isEmpty();
        notModified++;
      } else {
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("ETag")).as("a 200 answers a changed summary").isNotEqualTo(etag);
      }
    }
    assertThat(notModified).isEqualTo(1);
  }

  @Test
  void theLiveFeedStreamsServerSentEvents() throws Exception {
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(url(API + "/stream")))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    try (InputStream body = stream.body()) {
      String expected = "retry: 5000\n: connected\n\n";
      byte[] first = body.readNBytes(expected.length());
      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
  }

  @Test
  void theApiAnswersBadParametersAndBodiesWithJsonErrors() throws Exception {
    HttpResponse<String> bad = dashboard("/top-routes?limit=oops", TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).at("/error/param").asText()).isEqualTo("limit");

    HttpResponse<String> withBody = http.send(HttpRequest.newBuilder(URI.create(url(API + "/summary")))
        .header("Authorization", "Bearer " + TOKEN)
        .method("GET", HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withBody.statusCode()).isEqualTo(413);
    assertThat(json.readTree(withBody.body()).at("/error/code").asText()).isEqualTo("body_not_allowed");
  }

  @Test
  void theWebPageIsServedWithTheToken() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url(MOUNT + "/")))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).containsIgnoringCase("<html");
  }

  private int call(String path, long millis) throws IOException, InterruptedException {
    clock.nextRequestTakes(Duration.ofMillis(millis));
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpResponse<String> dashboard(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(API + path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
