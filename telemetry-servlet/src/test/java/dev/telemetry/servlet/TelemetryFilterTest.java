package dev.telemetry.servlet;

import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_DURATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_ERRORS;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.testkit.RecordedSamples;
import dev.telemetry.testkit.TestClock;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryFilterTest {
  private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
  private final InMemoryStore store = InMemoryStore.create();
  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<AsyncContext> pendingAsync = new ArrayBlockingQueue<>(4);
  private final BlockingQueue<Throwable> reachedContainer = new ArrayBlockingQueue<>(4);
  /** One permit per request the container finished (its request log runs after every listener). */
  private final Semaphore completed = new Semaphore(0);
  private Telemetry telemetry;
  private TelemetryFilter filter;
  private Server jetty;
  private String base;

  @BeforeEach
  void start() throws Exception {
    telemetry = Telemetry.builder().service("filter-test").store(store).clock(clock).backgroundThreads(false)
        .closeOnShutdown(false).contract(StandardMetrics.addHttpServer(MetricContract.builder()).build()).build();
    filter = TelemetryFilter.builder(telemetry).clock(clock).excludePaths("/ops/telemetry").build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    jetty.setRequestLog((request, response) -> completed.release());
    ServletContextHandler context = new ServletContextHandler("/shop");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
        DispatcherType.ERROR));
    context.addServlet(new ServletHolder(new AppServlet()), "/*");
    context.setErrorHandler((request, response, callback) -> {
      Object error = request.getAttribute("jakarta.servlet.error.exception");
      if (error instanceof Throwable thrown) {
        reachedContainer.add(thrown);
      }
      response.setStatus(500);
      callback.succeeded();
      return true;
    });
    jetty.setHandler(context);
    jetty.start();
    base = "http://127.0.0.1:" + connector.getLocalPort() + "/shop";
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    telemetry.close();
  }

  /** The application: latency, status and route come from the request so each test says what it wants. */
  private final class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String millis = request.getParameter("ms");
      if (millis != null) {
        clock.advance(Duration.ofMillis(Long.parseLong(millis)));
      }
      String pattern = request.getParameter("pattern");
      if (pattern != null) {
        request.setAttribute(TelemetryFilter.ROUTE_ATTRIBUTE, pattern);
      }
      if (request.getParameter("throw") != null) {
        throw new IllegalStateException("boom");
      }
      if (request.getParameter("async") != null) {
        pendingAsync.add(request.startAsync());
        return;
      }
      String status = request.getParameter("status");
      response.setStatus(status == null ? 200 : Integer.parseInt(status));
      response.getWriter().write("ok");
    }
  }

  private int get(String pathAndQuery) throws Exception {
    int status = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
    awaitCompletion();
    return status;
  }

  private void awaitCompletion() throws InterruptedException {
    assertThat(completed.tryAcquire(10, TimeUnit.SECONDS)).as("request completed").isTrue();
  }

  private List<MetricSample> flushed(String metric) {
    telemetry.flush();
    return RecordedSamples.of(store, metric);
  }

  @Test
  void templatesThePathWhenNoMatchedPatternIsGiven() throws Exception {
    get("/orders/42");
    get("/orders/43");
    get("/orders/44?ms=5");

    assertThat(flushed(HTTP_SERVER_REQUESTS)).singleElement().satisfies(sample -> {
      assertThat(sample.labels()).containsEntry("route", "/orders/{id}").containsEntry("method", "GET")
          .containsEntry("status", "200");
      assertThat(sample.sum()).isEqualTo(3);
    });
  }

  @Test
  void prefersTheMatchedPatternTheFrameworkLeftOnTheRequest() throws Exception {
    get("/catalog/shoes?pattern=/catalog/%7Bcategory%7D");
    get("/catalog/hats?pattern=/catalog/%7Bcategory%7D");

    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "route")).isEmpty();
    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "route"))
        .containsExactlyEntriesOf(Map.of("/catalog/{category}", 2.0));
  }

  @Test
  void readsTheConfiguredRouteAttributes() throws Exception {
    filter = TelemetryFilter.builder(telemetry).routeAttributes("framework.pattern").build();
    assertThatThrownBy(() -> TelemetryFilter.builder(telemetry).routeAttributes(" "))
        .hasMessageContaining("routeAttributes");
    // the attribute the app sets is not in the configured list: the path is used
    jetty.stop();
    ServletContextHandler context = new ServletContextHandler("/shop");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute("framework.pattern", "/items/{sku}");
      }
    }), "/*");
    jetty.setHandler(context);
    jetty.start();
    base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/shop";

    get("/items/ab-12");
    telemetry.flush();

    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "route")).containsOnlyKeys("/items/{sku}");
  }

  @Test
  void timesEachRequestWithTheDurationItTook() throws Exception {
    for (int ms : new int[] {10, 20, 30, 40}) {
      get("/checkout?ms=" + ms);
    }

    MetricSample latency = flushed(HTTP_SERVER_DURATION).get(0);
    assertThat(latency.count()).isEqualTo(4);
    assertThat(latency.sum()).isCloseTo(0.100, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(latency.max()).isCloseTo(0.040, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void countsAThrownExceptionAs500AndRethrowsItUnchanged() throws Exception {
    assertThat(get("/pay?throw=1")).isEqualTo(500);

    assertThat(reachedContainer.poll(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
    assertThat(flushed(HTTP_SERVER_REQUESTS)).singleElement()
        .satisfies(sample -> assertThat(sample.labels()).containsEntry("status", "500"));
    assertThat(RecordedSamples.of(store, HTTP_SERVER_ERRORS)).singleElement().satisfies(sample -> {
      assertThat(sample.labels()).containsEntry("error_type", "IllegalStateException")
          .containsEntry("route", "/pay");
      assertThat(sample.sum()).isEqualTo(1);
    });
  }

  @Test
  void countsA5xxStatusAsAnErrorAndA4xxAsNone() throws Exception {
    get("/stock?status=503");
    get("/stock?status=404");

    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "status")).isEmpty();
    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "status"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("503", 1.0, "404", 1.0));
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_ERRORS, "error_type"))
        .containsExactlyEntriesOf(Map.of("503", 1.0));
  }

  @Test
  void recordsAnAsyncRequestOnceWhenItCompletes() throws Exception {
    CompletableFuture<HttpResponse<String>> response = http.sendAsync(
        HttpRequest.newBuilder(URI.create(base + "/events/stream?async=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    AsyncContext async = pendingAsync.poll(10, TimeUnit.SECONDS);
    assertThat(async).isNotNull();

    assertThat(flushed(HTTP_SERVER_REQUESTS)).as("not recorded while the stream is open").isEmpty();
    clock.advance(Duration.ofSeconds(3));
    async.getResponse().getWriter().write("data: done\n\n");
    async.complete();
    assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    awaitCompletion();

    assertThat(flushed(HTTP_SERVER_DURATION)).singleElement().satisfies(sample -> {
      assertThat(sample.count()).isEqualTo(1);
      assertThat(sample.sum()).isEqualTo(3.0);
      assertThat(sample.labels()).containsEntry("route", "/events/stream");
    });
  }

  @Test
  void skipsTheDashboardMountAndNothingElse() throws Exception {
    get("/ops/telemetry/api/v1/summary");
    get("/ops/telemetry");
    get("/ops/telemetryx");

    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "route")).containsOnlyKeys("/ops/telemetryx");
  }

  @Test
  void neverThrowsIntoTheHostWhenTheClockFails() throws Exception {
    filter = TelemetryFilter.builder(telemetry).clock(new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        throw new IllegalStateException("clock broken");
      }
    }).build();
    boolean[] ran = new boolean[1];

    filter.doFilter(new FakeRequest("/x").proxy(), FakeRequest.response(200), (request, response) -> ran[0] = true);

    assertThat(ran[0]).isTrue();
    assertThat(filter.failedRecords()).isEqualTo(2);
  }

  @Test
  void foldsWhatNoRouteAttributeNamesIntoOneNotFoundAndOneRedirectionRouteWhenAsked() throws Exception {
    TelemetryFilter folding = TelemetryFilter.builder(telemetry).foldUnmatchedRoutes().build();

    folding.doFilter(new FakeRequest("/no/such/page").proxy(), FakeRequest.response(404), (request, response) -> { });
    folding.doFilter(new FakeRequest("/wp-admin.php").proxy(), FakeRequest.response(404), (request, response) -> { });
    folding.doFilter(new FakeRequest("/old").proxy(), FakeRequest.response(301), (request, response) -> { });
    folding.doFilter(new FakeRequest("/items/7").with(TelemetryFilter.SPRING_MVC_PATTERN, "/items/{id}").proxy(),
        FakeRequest.response(404), (request, response) -> { });
    filter.doFilter(new FakeRequest("/gone").proxy(), FakeRequest.response(404), (request, response) -> { });

    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "route")).containsExactlyInAnyOrderEntriesOf(
        Map.of(TelemetryFilter.NOT_FOUND_ROUTE, 2.0, TelemetryFilter.REDIRECTION_ROUTE, 1.0, "/items/{id}", 1.0,
            "/gone", 1.0));
  }

  @Test
  void namesA5xxErrorAfterTheExceptionTheFrameworkResolvedAndLeavesA4xxOut() throws Exception {
    filter.doFilter(new FakeRequest("/pay").with(TelemetryFilter.SPRING_MVC_EXCEPTION,
        new IllegalArgumentException("declined")).proxy(), FakeRequest.response(500), (request, response) -> { });
    filter.doFilter(new FakeRequest("/pay").with(TelemetryFilter.SERVLET_ERROR_EXCEPTION,
        new ArithmeticException()).proxy(), FakeRequest.response(502), (request, response) -> { });
    filter.doFilter(new FakeRequest("/pay").with(TelemetryFilter.SPRING_MVC_EXCEPTION,
        new IllegalArgumentException("no such card")).proxy(), FakeRequest.response(404), (request, response) -> { });

    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_ERRORS, "error_type")).containsExactlyInAnyOrderEntriesOf(
        Map.of("IllegalArgumentException", 1.0, "ArithmeticException", 1.0));
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_REQUESTS, "status")).containsExactlyInAnyOrderEntriesOf(
        Map.of("500", 1.0, "502", 1.0, "404", 1.0));
  }

  @Test
  void namesAnExceptionAServletExceptionWrapsAfterTheWrappedOne() {
    jakarta.servlet.ServletException wrapped = new jakarta.servlet.ServletException("Request processing failed",
        new IllegalStateException("out of stock"));

    assertThatThrownBy(() -> filter.doFilter(new FakeRequest("/buy").proxy(), FakeRequest.response(200),
        (request, response) -> {
          throw wrapped;
        })).isSameAs(wrapped);

    telemetry.flush();
    assertThat(RecordedSamples.totalsBy(store, HTTP_SERVER_ERRORS, "error_type"))
        .containsExactlyEntriesOf(Map.of("IllegalStateException", 1.0));
  }

  @Test
  void refusesAContractWithoutHttpMetrics() {
    try (Telemetry bare = Telemetry.builder().service("bare").store(InMemoryStore.create()).backgroundThreads(false)
        .closeOnShutdown(false).contract(MetricContract.empty()).build()) {
      assertThatThrownBy(() -> TelemetryFilter.create(bare)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("StandardMetrics.addHttpServer");
    }
    assertThatThrownBy(() -> TelemetryFilter.builder(telemetry).excludePaths("admin"))
        .hasMessageContaining("'admin' must start with '/'");
  }
}
