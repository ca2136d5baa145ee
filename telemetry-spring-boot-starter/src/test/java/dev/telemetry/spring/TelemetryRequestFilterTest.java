package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.MetricSample;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.DispatcherServlet;

class TelemetryRequestFilterTest {
  private final Telemetry telemetry = Telemetry.builder().service("filter-test")
      .contract(StandardMetrics.addHttpServer(MetricContract.builder()).build())
      .backgroundThreads(false).closeOnShutdown(false).build();
  private final AtomicLong nanos = new AtomicLong();
  private final TelemetryRequestFilter filter = new TelemetryRequestFilter(telemetry, "/admin/telemetry", nanos::get);

  @AfterEach
  void close() {
    telemetry.close();
  }

  @Test
  void readsTheNamesOfSpringMvcsAttributes() {
    assertThat(TelemetryRequestFilter.BEST_MATCHING_PATTERN).isEqualTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    assertThat(TelemetryRequestFilter.RESOLVED_EXCEPTION).isEqualTo(DispatcherServlet.EXCEPTION_ATTRIBUTE);
  }

  @Test
  void recordsTheMatchedPatternWithMethodStatusAndDuration() throws Exception {
    serve("GET", "/users/42", "/users/{id}", 200, 7_000_000);
    serve("GET", "/users/43", "/users/{id}", 200, 9_000_000);

    assertThat(requests(Map.of("route", "/users/{id}", "method", "GET", "status", "200"))).isEqualTo(2);
    MetricSample latency = RecordedSamples.of(telemetry, StandardMetrics.HTTP_SERVER_DURATION).get(0);
    assertThat(latency.count()).isEqualTo(2);
    assertThat(latency.sum()).isCloseTo(0.016, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(errors(Map.of())).isZero();
  }

  @Test
  void countsA5xxAsAnErrorOfItsStatus() throws Exception {
    serve("POST", "/orders", "/orders", 503, 1_000);

    assertThat(errors(Map.of("route", "/orders", "error_type", "503"))).isEqualTo(1);
  }

  @Test
  void recordsAThrownExceptionAsA500ErrorOfItsTypeAndRethrowsIt() {
    MockHttpServletRequest request = request("GET", "/boom");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/boom");
    MockFilterChain failing = new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        throw new IllegalStateException("out of stock");
      }
    };

    assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), failing))
        .isInstanceOf(IllegalStateException.class);
    assertThat(requests(Map.of("route", "/boom", "status", "500"))).isEqualTo(1);
    assertThat(errors(Map.of("route", "/boom", "error_type", "IllegalStateException"))).isEqualTo(1);
  }

  @Test
  void countsAnExceptionSpringMvcResolvedAsAnErrorOfItsType() throws Exception {
    MockHttpServletRequest request = request("GET", "/items/1");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/items/{id}");
    request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, new IllegalArgumentException("no such item"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(500);

    filter.doFilter(request, response, new MockFilterChain());

    assertThat(errors(Map.of("route", "/items/{id}", "error_type", "IllegalArgumentException"))).isEqualTo(1);
    assertThat(requests(Map.of("route", "/items/{id}", "status", "500"))).isEqualTo(1);
  }

  @Test
  void leavesAnExceptionSpringMvcAnsweredWithA4xxOutOfTheErrors() throws Exception {
    MockHttpServletRequest request = request("GET", "/items/1");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/items/{id}");
    request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, new IllegalArgumentException("no such item"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(404);

    filter.doFilter(request, response, new MockFilterChain());

    assertThat(requests(Map.of("route", "/items/{id}", "status", "404"))).isEqualTo(1);
    assertThat(errors(Map.of())).isZero();
  }

  @Test
  void leavesTheDashboardAndItsStreamOut() throws Exception {
    serve("GET", "/admin/telemetry/api/v1/summary", null, 200, 1_000);
    serve("GET", "/admin/telemetry/api/v1/stream", null, 200, 1_000);
    serve("GET", "/admin/telemetry", null, 302, 1_000);
    serve("GET", "/admin/telemetryx", null, 200, 1_000);

    assertThat(requests(Map.of())).isEqualTo(1);
    assertThat(requests(Map.of("route", "/admin/telemetryx"))).isEqualTo(1);
  }

  @Test
  void namesUnmatchedNotFoundAndRedirectRoutesByTheirKind() throws Exception {
    serve("GET", "/no/such/page", null, 404, 1_000);
    serve("GET", "/old", null, 301, 1_000);

    assertThat(requests(Map.of("route", TelemetryRequestFilter.NOT_FOUND, "status", "404"))).isEqualTo(1);
    assertThat(requests(Map.of("route", TelemetryRequestFilter.REDIRECTION, "status", "301"))).isEqualTo(1);
  }

  private void serve(String method, String uri, String pattern, int status, long durationNanos)
      throws ServletException, IOException {
    MockHttpServletRequest request = request(method, uri);
    if (pattern != null) {
      request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(status);
    filter.doFilter(request, response, new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        nanos.addAndGet(durationNanos);
      }
    });
  }

  private static MockHttpServletRequest request(String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setRequestURI(uri);
    return request;
  }

  private double requests(Map<String, String> labels) {
    return RecordedSamples.counterTotal(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, labels);
  }

  private double errors(Map<String, String> labels) {
    return RecordedSamples.counterTotal(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, labels);
  }
}
