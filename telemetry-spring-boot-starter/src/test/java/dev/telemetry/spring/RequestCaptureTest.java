package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.servlet.TelemetryFilter;
import dev.telemetry.store.MetricSample;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The request filter the starter registers (telemetry-servlet's {@link TelemetryFilter}) as a
 * Spring MVC application sees it: requests as Spring MVC leaves them, timed on the starter's
 * request clock.
 */
class RequestCaptureTest {
  private final AtomicLong nanos = new AtomicLong();
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(TelemetryAutoConfigurationTest.STARTER)
      .withPropertyValues("telemetry.store=memory", "telemetry.jvm.enabled=false")
      .withBean(TelemetryRequestClock.class, () -> nanos::get);

  @Test
  void readsTheNamesOfSpringMvcsAttributes() {
    assertThat(TelemetryFilter.SPRING_MVC_PATTERN).isEqualTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    assertThat(TelemetryFilter.SPRING_MVC_EXCEPTION).isEqualTo(DispatcherServlet.EXCEPTION_ATTRIBUTE);
  }

  @Test
  void recordsTheMatchedPatternWithMethodStatusAndTheDurationOnTheRequestClock() {
    capture((filter, telemetry) -> {
      serve(filter, "GET", "/users/42", "/users/{id}", 200, 7_000_000);
      serve(filter, "GET", "/users/43", "/users/{id}", 200, 9_000_000);

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", "/users/{id}", "method", "GET", "status", "200"))).isEqualTo(2);
      MetricSample latency = RecordedSamples.of(telemetry, StandardMetrics.HTTP_SERVER_DURATION).get(0);
      assertThat(latency.count()).isEqualTo(2);
      assertThat(latency.sum()).isCloseTo(0.016, within(1e-9));
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, Map.of())).isZero();
    });
  }

  @Test
  void recordsAThrownExceptionAsA500ErrorOfTheTypeSpringWrappedAndRethrowsIt() {
    capture((filter, telemetry) -> {
      MockHttpServletRequest request = request("GET", "/boom");
      request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/boom");
      ServletException wrapped = new ServletException("Request processing failed", new IllegalStateException("out"));
      MockFilterChain failing = new MockFilterChain() {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res) throws ServletException {
          throw wrapped;
        }
      };

      assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), failing)).isSameAs(wrapped);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/boom", "status", "500")))
          .isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS,
          Map.of("route", "/boom", "error_type", "IllegalStateException"))).isEqualTo(1);
    });
  }

  @Test
  void countsAnExceptionSpringMvcResolvedAsAnErrorOnlyWhenItAnswered5xx() {
    capture((filter, telemetry) -> {
      for (int status : new int[] {500, 404}) {
        MockHttpServletRequest request = request("GET", "/items/1");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/items/{id}");
        request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, new IllegalArgumentException("no such item"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        filter.doFilter(request, response, new MockFilterChain());
      }

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/items/{id}"))).isEqualTo(2);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, Map.of())).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS,
          Map.of("error_type", "IllegalArgumentException"))).isEqualTo(1);
    });
  }

  @Test
  void leavesTheDashboardAtItsConfiguredPathAndItsStreamOut() {
    web.withPropertyValues("telemetry.dashboard.path=/ops/telemetry").run(context -> {
      Filter filter = filter(context.getBean("telemetryRequestFilter", FilterRegistrationBean.class));
      Telemetry telemetry = context.getBean(Telemetry.class);
      serve(filter, "GET", "/ops/telemetry/api/v1/summary", null, 200, 1_000);
      serve(filter, "GET", "/ops/telemetry/api/v1/stream", null, 200, 1_000);
      serve(filter, "GET", "/ops/telemetry", null, 302, 1_000);
      serve(filter, "GET", "/ops/telemetryx", null, 200, 1_000);

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of())).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/ops/telemetryx")))
          .isEqualTo(1);
    });
  }

  @Test
  void foldsUnmatchedNotFoundAndRedirectRoutesByTheirKind() {
    capture((filter, telemetry) -> {
      serve(filter, "GET", "/no/such/page", null, 404, 1_000);
      serve(filter, "GET", "/wp-login.php", null, 404, 1_000);
      serve(filter, "GET", "/old", null, 301, 1_000);

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", TelemetryFilter.NOT_FOUND_ROUTE, "status", "404"))).isEqualTo(2);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", TelemetryFilter.REDIRECTION_ROUTE, "status", "301"))).isEqualTo(1);
    });
  }

  private void capture(ThrowingCapture test) {
    web.run(context -> test.accept(filter(context.getBean("telemetryRequestFilter", FilterRegistrationBean.class)),
        context.getBean(Telemetry.class)));
  }

  private static Filter filter(FilterRegistrationBean<?> registration) {
    return registration.getFilter();
  }

  private void serve(Filter filter, String method, String uri, String pattern, int status, long durationNanos)
      throws Exception {
    MockHttpServletRequest request = request(method, uri);
    if (pattern != null) {
      request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(status);
    filter.doFilter(request, response, new MockFilterChain() {
      @Override
      public void doFilter(ServletRequest req, ServletResponse res) {
        nanos.addAndGet(durationNanos);
      }
    });
  }

  private static MockHttpServletRequest request(String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setRequestURI(uri);
    return request;
  }

  private static double total(Telemetry telemetry, String metric, Map<String, String> labels) {
    return RecordedSamples.counterTotal(telemetry, metric, labels);
  }

  @FunctionalInterface
  private interface ThrowingCapture {
    void accept(Filter filter, Telemetry telemetry) throws Exception;
  }
}
