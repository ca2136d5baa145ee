package dev.telemetry.spring;

import static java.util.Objects.requireNonNull;

import dev.telemetry.HttpServerRecorder;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Records every request of a WebFlux server by route template into the contract's latency, traffic
 * and errors metrics, through core's {@link HttpServerRecorder}: the reactive counterpart of
 * telemetry-servlet's filter.
 *
 * <ul>
 *   <li><b>Route.</b> The handler's matched pattern ({@link
 *       HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}, a {@link PathPattern}); a request no
 *       handler matched, or a 404 of the static resources' catch-all {@code /**}, is {@value
 *       #NOT_FOUND_ROUTE} (404) or {@value #REDIRECTION_ROUTE} (3xx), so unknown paths cannot flood
 *       the route list; otherwise the path, which core templates.
 *   <li><b>Time.</b> From subscription to the chain's completion, error or cancellation.
 *   <li><b>Errors.</b> An error signal is the status it carries ({@link ErrorResponse}, e.g. {@code
 *       ResponseStatusException}), else 500; at 5xx its class's simple name is the {@code
 *       error_type}. A 5xx without an error signal is an error named after its status.
 *   <li><b>Cancellation</b> (the client went away before the answer ended) is recorded once as
 *       status {@value #CLIENT_CLOSED} ("client closed request"): traffic and latency, not a server error.
 *   <li><b>Excluded.</b> Paths under the dashboard's mount (its API, page and live feed).
 * </ul>
 *
 * <p>Never fails a request: anything that fails while recording is contained and counted.
 */
final class ReactiveRequestFilter implements WebFilter, Ordered {
  static final String NOT_FOUND_ROUTE = "/{not_found}";
  static final String REDIRECTION_ROUTE = "/{redirection}";
  static final int CLIENT_CLOSED = 499;
  private static final int SERVER_ERROR = 500;

  private final HttpServerRecorder metrics;
  private final String excludedPath;
  private final TelemetryRequestClock clock;
  private final LongAdder failedRecords = new LongAdder();

  ReactiveRequestFilter(Telemetry telemetry, String excludedPath, TelemetryRequestClock clock) {
    this.metrics = HttpServerRecorder.of(requireNonNull(telemetry, "telemetry"));
    if (!metrics.recordsAnything()) {
      throw new IllegalArgumentException("the contract declares none of " + StandardMetrics.HTTP_SERVER_DURATION
          + ", " + StandardMetrics.HTTP_SERVER_REQUESTS + ", " + StandardMetrics.HTTP_SERVER_ERRORS
          + ": add them with StandardMetrics.addHttpServer, or set telemetry.http.enabled=false");
    }
    this.excludedPath = requireNonNull(excludedPath, "excludedPath");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Outermost, so the time includes security and every other filter. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (isExcluded(exchange.getRequest().getPath().pathWithinApplication().value())) {
      return chain.filter(exchange);
    }
    return Mono.defer(() -> {
      Timing timing = new Timing(exchange, now());
      return chain.filter(exchange).doOnError(timing::failed).doFinally(timing::finish);
    });
  }

  private boolean isExcluded(String path) {
    return path.startsWith(excludedPath)
        && (path.length() == excludedPath.length() || path.charAt(excludedPath.length()) == '/');
  }

  private long now() {
    try {
      return clock.nanoTime();
    } catch (RuntimeException e) {
      failedRecords.increment();
      return Long.MIN_VALUE;
    }
  }

  /** Things that failed while recording and were contained (the requests were unaffected). */
  long failedRecords() {
    return failedRecords.sum();
  }

  /** One request between subscription and its end. */
  private final class Timing {
    private final ServerWebExchange exchange;
    private final long start;
    private Throwable error;

    Timing(ServerWebExchange exchange, long start) {
      this.exchange = exchange;
      this.start = start;
    }

    void failed(Throwable error) {
      this.error = error;
    }

    /** Called once by Reactor, after the error (if any) was seen. */
    void finish(SignalType signal) {
      try {
        long end = now();
        if (start == Long.MIN_VALUE || end == Long.MIN_VALUE) {
          return;
        }
        int status;
        String errorType = null;
        if (signal == SignalType.CANCEL) {
          status = CLIENT_CLOSED;
        } else if (error != null) {
          status = error instanceof ErrorResponse response ? response.getStatusCode().value() : SERVER_ERROR;
          errorType = status >= SERVER_ERROR ? errorType(error) : null;
        } else {
          HttpStatusCode code = exchange.getResponse().getStatusCode();
          status = code == null ? 200 : code.value();
        }
        metrics.record(route(status), exchange.getRequest().getMethod().name(), status, errorType,
            Math.max(0, end - start));
      } catch (RuntimeException | LinkageError e) {
        failedRecords.increment();
      }
    }

    private String route(int status) {
      Object matched = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      if (status == 404 && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
          instanceof ResourceWebHandler) {
        // Boot's static resources answer every path no route matched ("/**"): a missing file is an unknown path.
        return NOT_FOUND_ROUTE;
      }
      if (matched instanceof PathPattern pattern) {
        return pattern.getPatternString();
      }
      if (matched != null && !matched.toString().isEmpty()) {
        return matched.toString();
      }
      if (status == 404) {
        return NOT_FOUND_ROUTE;
      }
      if (status >= 300 && status < 400) {
        return REDIRECTION_ROUTE;
      }
      return exchange.getRequest().getPath().pathWithinApplication().value();
    }
  }

  private static String errorType(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }
}
