package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo serves the dashboard and a populated summary behind its token. */
class DemoTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageAndANonEmptySummaryBehindTheToken() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    DemoArguments args = DemoArguments.parse(List.of("--port", "0", "--store", "memory", "--backfill-days", "1",
        "--token", "demo-token-0123456789"));
    try (Demo demo = Demo.start(args, new PrintStream(log, true))) {
      HttpResponse<String> page = get(demo.dashboardUrl(), null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<html");

      assertThat(get(demo.dashboardUrl() + "api/v1/summary", null).statusCode()).isEqualTo(401);
      assertThat(get(demo.dashboardUrl() + "api/v1/summary", "wrong-token-0123456789").statusCode()).isEqualTo(403);

      HttpResponse<String> summary = get(demo.dashboardUrl() + "api/v1/summary", demo.token());
      assertThat(summary.statusCode()).isEqualTo(200);
      // Every card has a value. (The sparkline's newest minute can still be a hole when the demo starts
      // in the first seconds of a minute: the start-up minute is not backfilled.)
      assertThat(summary.body()).contains("\"vital_signs\"")
          .containsPattern("\"name\":\"latency\",\"value\":[0-9]")
          .containsPattern("\"name\":\"errors\",\"value\":[0-9]")
          .containsPattern("\"name\":\"saturation\",\"value\":[0-9]");

      HttpResponse<String> deployments = get(demo.dashboardUrl() + "api/v1/pages/deployments", demo.token());
      assertThat(deployments.statusCode()).isEqualTo(200);
      assertThat(deployments.body()).contains("mainnet").contains("\"errors\":[]");

      assertThat(demo.awaitBackfill(Duration.ofMinutes(2))).isTrue();
      assertThat(log.toString()).contains("backfill: 1440 minutes of history generated");
    }
  }
}
