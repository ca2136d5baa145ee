package dev.telemetry.spring;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every server request and records it by route template into the contract's HTTP latency,
 * traffic and errors metrics, with method and status. A 5xx counts as an error; a request that
 * throws, or whose exception Spring MVC resolved into a 5xx, counts as an error of that exception's
 * type.
 * Requests under the dashboard's path (its API and live feed) are not recorded.
 *
 * <p>The route is the pattern Spring MVC matched ({@code /users/{id}}); without one, a 404 is
 * {@value #NOT_FOUND}, a redirect {@value #REDIRECTION}, anything else its path, which core templates
 * ({@code /users/123} → {@code /users/{id}}) and bounds by the metric's cardinality budget. An
 * asynchronous request (a stream, a deferred result) is recorded once, when it completes.
 *
 * <p>Registered by the starter for servlet applications; a bean named {@code
 * telemetryRequestFilter} replaces it. Never throws anything of its own into the request.
 */
public final class TelemetryRequestFilter extends OncePerRequestFilter {
  /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE} (read by name: Spring MVC is optional). */
  static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
  /** Spring MVC's {@code DispatcherServlet.EXCEPTION_ATTRIBUTE}: an exception a resolver turned into a response. */
  static final String RESOLVED_EXCEPTION = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";
  /** The servlet container's {@code RequestDispatcher.ERROR_EXCEPTION}. */
  static final String ERROR_EXCEPTION = "jakarta.servlet.error.exception";
  /** The route of a 404 no handler matched: one series, whatever paths were asked for. */
  public static final String NOT_FOUND = "/{not_found}";
  /** The route of a redirect no handler matched. */
  public static final String REDIRECTION = "/{redirection}";

  private final ServerRequests requests;
  private final String excludedPath;
  private final TelemetryRequestClock clock;

  /**
   * @param excludedPath requests at this path or below it are not recorded (the dashboard's mount)
   */
  public TelemetryRequestFilter(Telemetry telemetry, String excludedPath, TelemetryRequestClock clock) {
    this.requests = new ServerRequests(requireNonNull(telemetry, "telemetry"));
    this.excludedPath = requireNonNull(excludedPath, "excludedPath");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    int from = request.getContextPath().length();
    if (!uri.startsWith(excludedPath, from)) {
      return false;
    }
    int end = from + excludedPath.length();
    return uri.length() == end || uri.charAt(end) == '/';
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = clock.nanoTime();
    Throwable thrown = null;
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      thrown = e;
      throw e;
    } finally {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new Completion(start));
      } else {
        record(request, response, thrown, start);
      }
    }
  }

  private void record(HttpServletRequest request, HttpServletResponse response, Throwable thrown, long start) {
    try {
      long nanos = Math.max(0, clock.nanoTime() - start);
      int status = response.getStatus();
      // An exception leaving the filter chain becomes a 500 unless the response was already committed.
      if (thrown != null && !response.isCommitted() && status < 400) {
        status = 500;
      }
      // A resolved exception answered with a 4xx is the application's deliberate client error, not a failure.
      Throwable error = thrown != null ? unwrap(thrown) : status >= 500 ? resolvedException(request) : null;
      requests.record(route(request, status), request.getMethod(), status,
          error == null ? null : error.getClass().getSimpleName(), nanos);
    } catch (RuntimeException e) {
      // Recording never fails a request; core already counts what it refuses.
    }
  }

  private static String route(HttpServletRequest request, int status) {
    Object pattern = request.getAttribute(BEST_MATCHING_PATTERN);
    if (pattern instanceof String template && !template.isEmpty()) {
      return template;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status >= 300 && status < 400) {
      return REDIRECTION;
    }
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static Throwable resolvedException(HttpServletRequest request) {
    Object resolved = request.getAttribute(RESOLVED_EXCEPTION);
    if (resolved instanceof Throwable t) {
      return t;
    }
    Object error = request.getAttribute(ERROR_EXCEPTION);
    return error instanceof Throwable t ? t : null;
  }

  /** The cause a container or Spring wrapped into a ServletException. */
  private static Throwable unwrap(Throwable thrown) {
    Throwable t = thrown;
    while (t instanceof ServletException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return true;
  }

  /** Records an asynchronous request once, when the container completes it. */
  private final class Completion implements AsyncListener {
    private final long start;

    Completion(long start) {
      this.start = start;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      record((HttpServletRequest) event.getSuppliedRequest(), (HttpServletResponse) event.getSuppliedResponse(),
          null, start);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // onComplete follows.
    }

    @Override
    public void onError(AsyncEvent event) {
      // onComplete follows; the status then says what happened.
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }
}
