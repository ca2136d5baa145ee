package dev.telemetry.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The WebFlux shop without {@code telemetry.dashboard.token}: the dashboard serves nothing, and says why. */
@SpringBootTest(classes = ReactiveShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"telemetry.dashboard.token=", "telemetry.store=memory"})
@ExtendWith(OutputCaptureExtension.class)
class ReactiveShopWithoutTokenTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Test
  void theDashboardRefusesEveryRequestAndTheLogSaysHowToSetAToken(CapturedOutput output) throws Exception {
    HttpResponse<String> page = get(ReactiveShopApplicationTest.MOUNT + "/", null);
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).doesNotContainIgnoringCase("<html");
    assertThat(get(ReactiveShopApplicationTest.API + "/summary", ReactiveShopApplicationTest.TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(get(ReactiveShopApplicationTest.API + "/stream", ReactiveShopApplicationTest.TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(output.getAll()).contains("refuses every request: set telemetry.dashboard.token");
  }

  @Test
  void theApplicationsOwnRoutesStillAnswer() throws Exception {
    assertThat(get("/products/1", null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
