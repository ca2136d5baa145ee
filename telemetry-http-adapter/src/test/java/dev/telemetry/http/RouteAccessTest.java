package dev.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.PageSection;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.Page;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every route the dashboard serves, taken from its own routing tables (so a new route cannot be
 * forgotten), over the JDK server and raw HTTP: each passes the host's {@link Authorizer} with its
 * kind visible; the API needs the token; the page carries its security headers; no listing, no
 * traversal, and the server's size and time limits hold.
 */
@Timeout(60)
class RouteAccessTest {
  private static final String MOUNT = "/admin/telemetry";
  private static final String API = MOUNT + "/api/v1";
  private static final String COOKIE = "session=host-session-0123456789abcdef";

  /** A request with a 200 answer for every API path; a path missing here fails the first test. */
  private static final Map<String, String> API_EXAMPLES = Map.ofEntries(
      Map.entry("/summary", "/summary"),
      Map.entry("/health", "/health"),
      Map.entry("/trends", "/trends?metric=http_server_duration_seconds&range=1h"),
      Map.entry("/top-routes", "/top-routes?range=1h"),
      Map.entry("/top-errors", "/top-errors?range=1h"),
      Map.entry("/logs", "/logs"),
      Map.entry("/traces", "/traces"),
      Map.entry("/events", "/events?type=deploy&range=24h"),
      Map.entry("/events/types", "/events/types?range=24h"),
      Map.entry("/store", "/store"),
      Map.entry("/freshness", "/freshness"),
      Map.entry("/pages", "/pages"),
      Map.entry("/pages/", "/pages/billing"),
      Map.entry("/export", "/export?type=logs&format=csv"),
      Map.entry("/config", "/config"),
      Map.entry("/links", "/links"),
      Map.entry("/stream", "/stream"));

  private final List<DashboardRequest.Kind> kindsSeen = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private DashboardFixture fixture;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private JdkDashboardServer serve(Authorizer authorizer) throws IOException {
    return serve(InMemoryStore.create(), authorizer, Duration.ofSeconds(30));
  }

  private JdkDashboardServer serve(dev.telemetry.store.TelemetryStore store, Authorizer authorizer,
      Duration requestTimeout) throws IOException {
    PageRegistry pages = PageRegistry.builder().register(PageProvider.of("billing", Duration.ofMinutes(1),
        PageSection.of("plans", "Plans", () -> dev.telemetry.pages.SectionView.text("free, pro")))).build();
    Authorizer recording = request -> {
      kindsSeen.add(request.kind());
      return authorizer.authorize(request);
    };
    DashboardFixture f = new DashboardFixture(store, b -> b.authorizer(recording).pages(pages));
    open.add(f);
    fixture = f;
    f.logs(3);
    JdkDashboardServer server = JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0), 8,
        requestTimeout);
    open.add(server);
    return server;
  }

  /** Every route: API paths (with {@code /pages/} standing for a page), the mount's redirect and the page files. */
  private static Map<String, DashboardRequest.Kind> everyRoute(TelemetryDashboard dashboard) {
    Map<String, DashboardRequest.Kind> routes = new LinkedHashMap<>();
    for (String path : dashboard.apiPaths()) {
      routes.put(API + API_EXAMPLES.get(path), path.equals("/stream") ? DashboardRequest.Kind.STREAM
          : path.equals("/export") ? DashboardRequest.Kind.EXPORT : DashboardRequest.Kind.API);
    }
    routes.put(MOUNT, DashboardRequest.Kind.PAGE);
    for (String file : dashboard.staticPaths()) {
      routes.put(MOUNT + file, DashboardRequest.Kind.PAGE);
    }
    return routes;
  }

  private TelemetryDashboard dashboardOf(JdkDashboardServer server) {
    return fixture.dashboard;
  }

  @Test
  void everyApiPathHasAnExampleHereSoNoRouteIsLeftUntested() throws IOException {
    JdkDashboardServer server = serve(Authorizer.allowAll());
    assertThat(API_EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(dashboardOf(server).apiPaths());
    assertThat(dashboardOf(server).staticPaths()).contains("/", "/assets/app.js", "/assets/pages.js", "/assets/pages.css").hasSize(7);
  }

  @Test
  void everyApiRouteNeedsTheBearerTokenAndWorksWithIt() throws IOException {
    JdkDashboardServer server = serve(Authorizer.bearerToken("ops", DashboardFixture.TOKEN));
    Map<String, DashboardRequest.Kind> routes = everyRoute(dashboardOf(server));
    int apiRoutes = 0;
    for (Map.Entry<String, DashboardRequest.Kind> route : routes.entrySet()) {
      if (route.getValue() == DashboardRequest.Kind.PAGE) {
        continue;
      }
      apiRoutes++;
      String target = route.getKey();
      Raw none = Raw.get(server, target, Map.of());
      assertThat(none.status).as("%s without credentials", target).isEqualTo(401);
      assertThat(none.headers).as(target).containsEntry("www-authenticate", "Bearer realm=\"telemetry\"");
      assertThat(none.body).as(target).contains("\"unauthenticated\"").doesNotContain("charge");
      Raw wrong = Raw.get(server, target, Map.of("Authorization", "Bearer wrong-token-wrong-token-wrong"));
      assertThat(wrong.status).as("%s with a wrong token", target).isEqualTo(403);
      assertThat(wrong.body).as(target).contains("\"forbidden\"").doesNotContain("charge");
      Raw right = Raw.get(server, target, Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN));
      assertThat(right.status).as("%s with the token: %s", target, right.body).isEqualTo(200);
    }
    assertThat(apiRoutes).isEqualTo(API_EXAMPLES.size());
  }

  @Test
  void theBearerAuthorizerLetsOnlyThePageShellThroughWithoutAToken() throws IOException {
    JdkDashboardServer server = serve(Authorizer.bearerToken("ops", DashboardFixture.TOKEN));
    for (Map.Entry<String, DashboardRequest.Kind> route : everyRoute(dashboardOf(server)).entrySet()) {
      if (route.getValue() != DashboardRequest.Kind.PAGE) {
        continue;
      }
      Raw r = Raw.get(server, route.getKey(), Map.of());
      assertThat(r.status).as(route.getKey()).isIn(200, 308);
      assertThat(r.body).as("the page holds no data").doesNotContain("charge 0 failed").doesNotContain("node-a");
    }
  }

  @Test
  void aHostAuthorizerIsAskedForEveryRouteWithItsKindAndCanProtectThePageToo() throws IOException {
    Authorizer session = request -> {
      String cookie = request.header("Cookie");
      return cookie == null ? Authorizer.Decision.unauthenticated()
          : cookie.equals(COOKIE) ? Authorizer.Decision.allow("alice") : Authorizer.Decision.forbidden();
    };
    JdkDashboardServer server = serve(session);
    Map<String, DashboardRequest.Kind> routes = everyRoute(dashboardOf(server));
    for (Map.Entry<String, DashboardRequest.Kind> route : routes.entrySet()) {
      String target = route.getKey();
      kindsSeen.clear();
      assertThat(Raw.get(server, target, Map.of()).status).as("%s without a session", target).isEqualTo(401);
      assertThat(kindsSeen).as(target).containsExactly(route.getValue());
      assertThat(Raw.get(server, target, Map.of("Cookie", "session=stolen")).status).as(target).isEqualTo(403);
      Raw right = Raw.get(server, target, Map.of("Cookie", COOKIE));
      assertThat(right.status).as("%s with the session", target).isEqualTo(target.equals(MOUNT) ? 308 : 200);
    }
    assertThat(routes).hasSize(API_EXAMPLES.size() + 1 + 7);
  }

  @Test
  void thePageAndItsAssetsCarryTheSecurityHeaders() throws IOException {
    JdkDashboardServer server = serve(Authorizer.bearerToken("ops", DashboardFixture.TOKEN));
    for (String file : dashboardOf(server).staticPaths()) {
      Raw r = Raw.get(server, MOUNT + file, Map.of());
      assertThat(r.headers).as(file).containsEntry("x-content-type-options", "nosniff")
          .containsEntry("referrer-policy", "no-referrer").containsEntry("x-frame-options", "DENY");
      assertThat(r.headers.get("content-security-policy")).as(file).contains("frame-ancestors 'none'")
          .contains("default-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }
    Raw api = Raw.get(server, API + "/summary", Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN));
    assertThat(api.headers).containsEntry("cache-control", "no-store");
  }

  @Test
  void noListingAndNoTraversalInAnyEncoding() throws IOException {
    JdkDashboardServer server = serve(Authorizer.bearerToken("ops", DashboardFixture.TOKEN));
    String[] hostile = {"/assets/", "/assets", "/assets/./app.js", "/../pom.xml", "/assets/../../build.properties",
        "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/", "/assets/..%2fapp.js", "/assets%2fapp.js", "/assets/%2e%2e%2f%2e%2e%2f",
        "/%252e%252e/%252e%252e/etc/passwd", "/assets%252fapp.js", "/..\\..\\etc\\passwd", "/assets\\app.js",
        "/assets/..%5c..%5cbuild.properties", "/%c0%ae%c0%ae/", "/index.html", "/app.js", "/assets/app.js%00",
        "/assets/app.js;.css", "//assets/app.js", "/META-INF/MANIFEST.MF", "/dev/telemetry/http/build.properties",
        "/WEB-INF/web.xml", "/assets/app.js/"};
    for (String path : hostile) {
      Raw r = Raw.get(server, MOUNT + path, Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN));
      assertThat(r.status).as(path).isIn(400, 404);
      assertThat(r.body).as(path).doesNotContain("uPlot").doesNotContain("function").doesNotContain("uplot.version");
    }
    for (String path : new String[] {"/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd"}) {
      Raw r = Raw.get(server, API + path, Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN));
      assertThat(r.status).as(path).isIn(400, 404);
    }
  }

  @Test
  void requestBodiesAndLongQueriesAreRefused() throws IOException {
    JdkDashboardServer server = serve(Authorizer.bearerToken("ops", DashboardFixture.TOKEN));
    Map<String, String> auth = Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN);
    Raw body = Raw.send(server, "POST", API + "/logs", auth, "{}");
    assertThat(body.status).isEqualTo(413);
    Raw longQuery = Raw.get(server, API + "/logs?search=" + "a".repeat(5000), auth);
    assertThat(longQuery.status).isEqualTo(414);
    Raw manyLabels = Raw.get(server, API + "/trends?metric=http_server_duration_seconds"
        + "&label.route=/a".repeat(1) + "&label.method=GET&label.status=200&label.a=1&label.b=2&label.c=3&label.d=4"
        + "&label.e=5&label.f=6", auth);
    assertThat(manyLabels.status).isEqualTo(400);
  }

  @Test
  void aRequestThatOutlivesTheTimeoutIsCutOffAndTheServerAnswersOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean stall = new java.util.concurrent.atomic.AtomicBoolean();
    ForwardingStore stalled = new ForwardingStore(InMemoryStore.create()) {
      @Override
      public Page<LogEvent> readLogs(LogQuery query) {
        try {
          if (stall.get()) {
            release.await(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.readLogs(query);
      }
    };
    JdkDashboardServer server = serve(stalled, Authorizer.bearerToken("ops", DashboardFixture.TOKEN),
        Duration.ofSeconds(1));
    Map<String, String> auth = Map.of("Authorization", "Bearer " + DashboardFixture.TOKEN);
    stall.set(true);
    try {
      long start = System.nanoTime();
      Raw cut = Raw.get(server, API + "/logs", auth);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(cut.status).as("no answer from a stalled read: %s", cut.body).isEqualTo(-1);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
      assertThat(Raw.get(server, API + "/config", auth).status).isEqualTo(200);
    } finally {
      release.countDown();
    }
  }

  /** A raw HTTP/1.1 exchange (no client-side normalisation of the path), status -1 when the server closed without answering. */
  record Raw(int status, Map<String, String> headers, String body) {
    static Raw get(JdkDashboardServer server, String target, Map<String, String> headers) throws IOException {
      return send(server, "GET", target, headers, null);
    }

    static Raw send(JdkDashboardServer server, String method, String target, Map<String, String> headers,
        String body) throws IOException {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(20_000);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Connection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
          head.append("Content-Length: ").append(body.getBytes(UTF_8).length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(UTF_8));
        if (body != null) {
          try {
            out.write(body.getBytes(UTF_8));
          } catch (IOException refusedEarly) {
            // the server answered 413 and closed before reading the body
          }
        }
        out.flush();
        boolean stream = target.contains("/stream");
        byte[] bytes = read(socket.getInputStream(), stream);
        return parse(new String(bytes, UTF_8));
      }
    }

    private static byte[] read(InputStream in, boolean headOnly) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          all.write(buf, 0, n);
          String sofar = all.toString(UTF_8);
          if (headOnly && sofar.startsWith("HTTP/1.1 200") && sofar.contains("\r\n\r\n")) {
            break; // an open live feed never ends: its head is enough
          }
        }
      } catch (java.net.SocketException reset) {
        // the server cut the connection
      }
      return all.toByteArray();
    }

    private static Raw parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) {
        return new Raw(-1, Map.of(), text);
      }
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return new Raw(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
    }
  }
}
