package dev.telemetry.examples.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.Telemetry;
import dev.telemetry.log4j2.TelemetryAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the Log4j2 shop on a random port (Boot 3.5 here, Boot 4.0 in boot4/), has it log an ERROR
 * while serving a request that carries a W3C {@code traceparent}, and finds that log on the
 * dashboard by the request's trace id.
 */
@SpringBootTest(classes = Log4j2ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "telemetry.store=memory")
class Log4j2ShopApplicationTest {
  private static final String TOKEN = "change-me-to-a-long-random-token";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  @Autowired
  Telemetry telemetry;

  @Test
  void anErrorLoggedThroughLog4j2IsFoundOnTheDashboardByItsTraceId() throws Exception {
    assertThat(LogManager.getContext(false)).as("the application logs through log4j-core")
        .isInstanceOf(LoggerContext.class);
    HttpResponse<String> checkout = http.send(HttpRequest.newBuilder(URI.create(url("/checkout")))
        .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(checkout.statusCode()).isEqualTo(502);

    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();
    HttpResponse<String> logs = http.send(HttpRequest.newBuilder(
        URI.create(url("/admin/telemetry/api/v1/logs?level=ERROR&range=1h&trace_id=" + TRACE)))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);
    JsonNode items = json.readTree(logs.body()).get("items");
    assertThat(items).as(logs.body()).singleElement().satisfies(log -> {
      assertThat(log.get("message").asText()).contains("checkout failed");
      assertThat(log.get("domain").asText()).isEqualTo("shop.checkout");
      assertThat(log.get("event").asText()).isEqualTo("IllegalStateException");
      assertThat(log.get("trace_id").asText()).isEqualTo(TRACE);
    });
  }

  @Test
  void eachContextAddsItsOwnAppenderAndRemovesItWhenItCloses() {
    assertThat(telemetryAppenders()).as("this test's context added one").hasSize(1);
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(Log4j2ShopApplication.class)
        .web(WebApplicationType.NONE).properties("telemetry.store=memory").run()) {
      assertThat(telemetryAppenders()).hasSize(2);
    }
    assertThat(telemetryAppenders()).as("the closed context's appender is gone, this one's stays").hasSize(1);
  }

  @Test
  void telemetryLog4j2EnabledFalseAddsNoAppender() {
    try (ConfigurableApplicationContext off = new SpringApplicationBuilder(Log4j2ShopApplication.class)
        .web(WebApplicationType.NONE).properties("telemetry.store=memory", "telemetry.log4j2.enabled=false").run()) {
      assertThat(telemetryAppenders()).hasSize(1);
    }
  }

  /** The names of the telemetry appenders on Log4j2's root logger. */
  private static List<String> telemetryAppenders() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    return context.getConfiguration().getRootLogger().getAppenders().values().stream()
        .filter(TelemetryAppender.class::isInstance).map(a -> a.getName()).sorted().toList();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
