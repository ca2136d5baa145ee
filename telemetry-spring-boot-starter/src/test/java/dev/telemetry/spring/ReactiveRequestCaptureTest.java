package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.MetricSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The WebFlux request filter the starter registers, as a reactive application sees it: exchanges
 * as WebFlux's handler mappings leave them, timed on the starter's request clock from subscription
 * to the end of the chain.
 */
class ReactiveRequestCaptureTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
      .withConfiguration(TelemetryAutoConfigurationTest.STARTER)
      .withPropertyValues("telemetry.store=memory", "telemetry.jvm.enabled=false")
      .withBean(TelemetryRequestClock.class, () -> nanos::get);

  @Test
  void inAReactiveApplicationServesTheDashboardAsARouteAndNoServletBeans() {
    reactive.run(context -> {
      assertThat(context).hasSingleBean(ReactiveDashboard.class).hasBean("telemetryDashboardRoutes")
          .hasBean("telemetryRequestFilter").doesNotHaveBean("telemetryDashboardServlet")
          .doesNotHaveBean("telemetryTraceparentFilter");
      assertThat(context.getBean("telemetryDashboardRoutes")).isInstanceOf(RouterFunction.class);
    });
  }

  @Test
  void inAServletApplicationConfiguresNothingReactive() {
    new WebApplicationContextRunner().withConfiguration(TelemetryAutoConfigurationTest.STARTER)
        .withPropertyValues("telemetry.store=memory", "telemetry.jvm.enabled=false").run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveDashboard.class)
              .doesNotHaveBean("telemetryDashboardRoutes").hasBean("telemetryDashboardServlet");
          assertThat(context.getBean("telemetryRequestFilter")).isNotInstanceOf(WebFilter.class);
        });
  }

  @Test
  void recordsTheMatchedPatternWithMethodStatusAndTheTimeFromSubscriptionToCompletion() {
    capture((filter, telemetry) -> {
      serve(filter, "/users/42", "/users/{id}", chain(HttpStatus.OK, null, 7_000_000));
      serve(filter, "/users/43", "/users/{id}", chain(HttpStatus.CREATED, null, 9_000_000));

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", "/users/{id}", "method", "GET", "status", "200"))).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", "/users/{id}", "status", "201"))).isEqualTo(1);
      List<MetricSample> latency = RecordedSamples.of(telemetry, StandardMetrics.HTTP_SERVER_DURATION);
      assertThat(latency.stream().mapToLong(MetricSample::count).sum()).isEqualTo(2);
      assertThat(latency.stream().mapToDouble(MetricSample::sum).sum()).isCloseTo(0.016, within(1e-9));
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, Map.of())).isZero();
    });
  }

  @Test
  void anErrorSignalIsA500ErrorNamedAfterItsClassAndPropagatesUnchanged() {
    capture((filter, telemetry) -> {
      IllegalStateException failure = new IllegalStateException("down");
      Throwable seen = serve(filter, "/boom/1", "/boom/{id}", chain(null, failure, 3_000_000));

      assertThat(seen).isSameAs(failure);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/boom/{id}", "status", "500")))
          .isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS,
          Map.of("route", "/boom/{id}", "error_type", "IllegalStateException"))).isEqualTo(1);
    });
  }

  @Test
  void anErrorSignalCarryingAStatusIsThatStatusAndAnErrorOnlyAt5xx() {
    capture((filter, telemetry) -> {
      serve(filter, "/items/9", "/items/{id}", chain(null, new ResponseStatusException(HttpStatus.NOT_FOUND), 1_000));
      serve(filter, "/items/8", "/items/{id}",
          chain(null, new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE), 1_000));

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/items/{id}", "status", "404")))
          .isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, Map.of())).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS,
          Map.of("route", "/items/{id}", "error_type", "ResponseStatusException"))).isEqualTo(1);
    });
  }

  @Test
  void aRequestNoHandlerMatchedFoldsIntoNotFound() {
    capture((filter, telemetry) -> {
      serve(filter, "/wp-login.php", null, chain(null, new ResponseStatusException(HttpStatus.NOT_FOUND), 1_000));
      serve(filter, "/no/such/page", null, chain(null, new ResponseStatusException(HttpStatus.NOT_FOUND), 1_000));

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", ReactiveRequestFilter.NOT_FOUND_ROUTE, "status", "404"))).isEqualTo(2);
    });
  }

  @Test
  void aCancelledRequestIsRecordedOnceAsClientClosedNotAsAServerError() {
    capture((filter, telemetry) -> {
      ServerWebExchange exchange = exchange("/slow/1", "/slow/{id}");
      Sinks.Empty<Void> never = Sinks.empty();
      WebFilterChain pending = e -> never.asMono().doOnSubscribe(s -> nanos.addAndGet(4_000_000));
      filter.filter(exchange, pending).subscribe().dispose();

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS,
          Map.of("route", "/slow/{id}", "status", Integer.toString(ReactiveRequestFilter.CLIENT_CLOSED)))).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of())).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, Map.of())).isZero();
    });
  }

  @Test
  void leavesTheDashboardAtItsConfiguredPathAndItsStreamOut() {
    reactive.withPropertyValues("telemetry.dashboard.path=/ops/telemetry").run(context -> {
      WebFilter filter = context.getBean("telemetryRequestFilter", WebFilter.class);
      Telemetry telemetry = context.getBean(Telemetry.class);
      serve(filter, "/ops/telemetry/api/v1/summary", null, chain(HttpStatus.OK, null, 1_000));
      serve(filter, "/ops/telemetry/api/v1/stream", null, chain(HttpStatus.OK, null, 1_000));
      serve(filter, "/ops/telemetry", null, chain(HttpStatus.PERMANENT_REDIRECT, null, 1_000));
      serve(filter, "/ops/telemetryx", null, chain(HttpStatus.OK, null, 1_000));

      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of())).isEqualTo(1);
      assertThat(total(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of("route", "/ops/telemetryx")))
          .isEqualTo(1);
    });
  }

  private void capture(ThrowingCapture test) {
    reactive.run(context -> test.accept(context.getBean("telemetryRequestFilter", WebFilter.class),
        context.getBean(Telemetry.class)));
  }

  /** A chain that takes {@code durationNanos} on the request clock, then answers {@code status} or fails. */
  private WebFilterChain chain(HttpStatus status, Throwable failure, long durationNanos) {
    return exchange -> Mono.defer(() -> {
      nanos.addAndGet(durationNanos);
      if (failure != null) {
        return Mono.error(failure);
      }
      exchange.getResponse().setStatusCode(status);
      return Mono.empty();
    });
  }

  /** Runs the exchange through the filter; returns the error it ended with, or null. */
  private static Throwable serve(WebFilter filter, String path, String pattern, WebFilterChain chain) {
    try {
      filter.filter(exchange(path, pattern), chain).block(Duration.ofSeconds(5));
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /**
   * An exchange as WebFlux's handler mapping leaves it: request, response and attributes. (A
   * {@code MockServerWebExchange} would build the codecs, which need nothing here.)
   */
  private static ServerWebExchange exchange(String path, String pattern) {
    Map<String, Object> attributes = new ConcurrentHashMap<>();
    if (pattern != null) {
      attributes.put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PathPatternParser.defaultInstance.parse(pattern));
    }
    MockServerHttpRequest request = MockServerHttpRequest.get(path).build();
    MockServerHttpResponse response = new MockServerHttpResponse();
    ServerWebExchange exchange = mock(ServerWebExchange.class);
    when(exchange.getRequest()).thenReturn(request);
    when(exchange.getResponse()).thenReturn(response);
    when(exchange.getAttributes()).thenReturn(attributes);
    when(exchange.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
    return exchange;
  }

  private static double total(Telemetry telemetry, String metric, Map<String, String> labels) {
    return RecordedSamples.counterTotal(telemetry, metric, labels);
  }

  @FunctionalInterface
  private interface ThrowingCapture {
    void accept(WebFilter filter, Telemetry telemetry) throws Exception;
  }
}
