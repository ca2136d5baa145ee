package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet adapter mounted in embedded Jetty 12 under a context path, beside a host servlet. */
class DashboardServletTest {
  private final DashboardFixture f = new DashboardFixture();
  private Server jetty;
  private String base;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    f.logs(5);
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.getWriter().write("host says hi");
      }
    }), "/hello");
    context.addServlet(new ServletHolder(new DashboardServlet(f.dashboard)), f.dashboard.mount() + "/*");
    jetty.setHandler(context);
    jetty.start();
    base = "http://127.0.0.1:" + connector.getLocalPort() + "/app";
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    f.close();
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheApiAndThePageBesideTheHostServlet() throws Exception {
    assertThat(get("/hello", null).body()).isEqualTo("host says hi");
    HttpResponse<String> logs = get("/admin/telemetry/api/v1/logs?limit=2", DashboardFixture.TOKEN);
    assertThat(logs.statusCode()).isEqualTo(200);
    assertThat(logs.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(Json.MAPPER.readTree(logs.body()).get("items")).hasSize(2);
    HttpResponse<String> page = get("/admin/telemetry/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("Command center");
  }

  @Test
  void errorsAreJsonThroughTheServletToo() throws Exception {
    assertThat(get("/admin/telemetry/api/v1/logs", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = get("/admin/telemetry/api/v1/logs?limit=0", DashboardFixture.TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(bad.body()).get("error").get("param").asText()).isEqualTo("limit");
    HttpResponse<String> missing = get("/admin/telemetry/api/v1/nothing", DashboardFixture.TOKEN);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    HttpResponse<String> body = client.send(HttpRequest.newBuilder(URI.create(base + "/admin/telemetry/api/v1/logs"))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(body.statusCode()).isEqualTo(413);
  }

  @Test
  void theSummaryKeepsItsBytesETagAnd304ThroughTheServlet() throws Exception {
    HttpResponse<String> first = get("/admin/telemetry/api/v1/summary", DashboardFixture.TOKEN);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    DashboardFixture.Recorded inProcess = f.get("/admin/telemetry/api/v1/summary");
    assertThat(first.body()).isEqualTo(inProcess.text());
    assertThat(inProcess.headers.get("ETag")).isEqualTo(etag);
    assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(inProcess.body.size());
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(base + "/admin/telemetry/api/v1/summary"))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN).header("If-None-Match", etag).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void exportsStreamThroughTheServlet() throws Exception {
    HttpResponse<String> csv = get("/admin/telemetry/api/v1/export?type=logs&format=csv", DashboardFixture.TOKEN);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=");
    assertThat(csv.body().split("\r\n")).hasSize(6);
  }
}
