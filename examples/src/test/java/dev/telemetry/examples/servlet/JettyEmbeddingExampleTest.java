package dev.telemetry.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.InMemoryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JettyEmbeddingExampleTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheHostServletAndTheDashboardSideBySide() throws Exception {
    String token = "ops-token-0123456789abcdef";
    try (JettyEmbeddingExample app = new JettyEmbeddingExample(InMemoryStore.create(), token)) {
      assertThat(get(app.baseUrl() + "/hello", null).body()).isEqualTo("hello");
      app.telemetry().flush();
      app.telemetry().awaitWritten(Duration.ofSeconds(10));

      assertThat(get(app.baseUrl() + "/admin/telemetry/", null).statusCode()).isEqualTo(200);
      assertThat(get(app.baseUrl() + "/admin/telemetry/api/v1/top-routes?range=1h", null).statusCode())
          .isEqualTo(401);
      HttpResponse<String> routes = get(app.baseUrl() + "/admin/telemetry/api/v1/top-routes?range=1h", token);
      assertThat(routes.statusCode()).isEqualTo(200);
      assertThat(routes.body()).contains("/hello");
    }
  }
}
