package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final DashboardFixture f = new DashboardFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void servesThePageWithSecurityHeadersAndWithoutCredentials() {
    DashboardFixture.Recorded page = f.call("GET", "/admin/telemetry/", null);
    assertThat(page.status).isEqualTo(200);
    assertThat(page.headers.get("Content-Type")).startsWith("text/html");
    assertThat(page.headers).containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Referrer-Policy", "no-referrer");
    assertThat(page.headers.get("Content-Security-Policy")).contains("frame-ancestors 'none'")
        .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.text()).contains("<script src=\"assets/app.js\"></script>").doesNotContain("<script>");
  }

  @Test
  void servesTheChartLibraryFromTheWebJar() {
    DashboardFixture.Recorded js = f.call("GET", "/admin/telemetry/assets/uplot.js", null);
    assertThat(js.status).isEqualTo(200);
    assertThat(js.headers.get("Content-Type")).startsWith("text/javascript");
    assertThat(js.text()).contains("uPlot");
    assertThat(f.call("GET", "/admin/telemetry/assets/uplot.css", null).text()).contains(".uplot");
  }

  @Test
  void theMountWithoutASlashRedirectsToThePage() {
    DashboardFixture.Recorded r = f.call("GET", "/admin/telemetry", null);
    assertThat(r.status).isEqualTo(308);
    // Relative, so it lands on the page whatever context path the host mounts the servlet under.
    String location = r.headers.get("Location");
    assertThat(java.net.URI.create("http://host/admin/telemetry").resolve(location))
        .hasToString("http://host/admin/telemetry/");
    assertThat(java.net.URI.create("http://host/app/admin/telemetry").resolve(location))
        .hasToString("http://host/app/admin/telemetry/");
  }

  @Test
  void noListingAndNoTraversal() {
    for (String path : new String[] {"/admin/telemetry/assets/", "/admin/telemetry/assets", "/admin/telemetry/../pom.xml",
        "/admin/telemetry/assets/../../TelemetryDashboard.class", "/admin/telemetry/%2e%2e/%2e%2e/etc/passwd",
        "/admin/telemetry/assets/..%2fbuild.properties", "/admin/telemetry/dev/telemetry/http/build.properties",
        "/admin/telemetry/index.html/", "/admin/telemetry//assets/app.js", "/admin/telemetry/META-INF/MANIFEST.MF"}) {
      DashboardFixture.Recorded r = f.call("GET", path, null);
      assertThat(r.status).as(path).isEqualTo(404);
      assertThat(r.json().get("error").get("code").asText()).isEqualTo("not_found");
    }
  }

  @Test
  void headServesNoBodyAndPostIsRefused() {
    DashboardFixture.Recorded head = f.call("HEAD", "/admin/telemetry/assets/app.js", null);
    assertThat(head.status).isEqualTo(200);
    assertThat(head.body.size()).isZero();
    assertThat(f.call("POST", "/admin/telemetry/", null).status).isEqualTo(405);
  }
}
