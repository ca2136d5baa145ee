package dev.telemetry.servlet;

import static java.util.Objects.requireNonNull;

import dev.telemetry.HttpServerRecorder;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Times every HTTP request into the contract's latency, traffic and errors metrics ({@code
 * http_server_duration_seconds}, {@code http_server_requests_total}, {@code
 * http_server_errors_total}; declare them with {@code StandardMetrics.addHttpServer}).
 *
 * <pre>{@code
 * TelemetryFilter filter = TelemetryFilter.builder(telemetry).excludePaths("/admin/telemetry").build();
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <ul>
 *   <li><b>Route.</b> The first non-null request attribute among {@link Builder#routeAttributes}
 *       (read after the chain ran, so a framework's matched pattern is there; by default {@value
 *       #ROUTE_ATTRIBUTE}, which a host can set, and Spring MVC's {@value #SPRING_MVC_PATTERN});
 *       else the path within the application, which core turns into a template ({@code
 *       /users/123} → {@code /users/{id}}).
 *   <li><b>Unmatched.</b> With {@link Builder#foldUnmatchedRoutes()}, a request no route attribute
 *       names is {@value #NOT_FOUND_ROUTE} when it answered 404 and {@value #REDIRECTION_ROUTE} when
 *       it answered 3xx, so unknown paths cannot flood the route list (for frameworks that name the
 *       route of every request they handle, such as Spring MVC). A 404 of Spring MVC's static
 *       resources, whose {@code /**} catches every path no controller matched, folds the same way.
 *   <li><b>Status and errors.</b> The response status; an exception thrown by the chain counts as
 *       status 500 with its class's simple name as {@code error_type} (the cause of a {@code
 *       ServletException} that only wraps one), and is rethrown unchanged. A 5xx status without an
 *       exception is an error whose {@code error_type} is the class of the exception a framework
 *       resolved into that response ({@link Builder#errorAttributes}), else the status. A 4xx is
 *       never an error.
 *   <li><b>Async and SSE.</b> A request that started async mode is recorded once, when it
 *       completes (an {@link AsyncListener}), with the time until then.
 *   <li><b>Excluded.</b> Paths under {@link Builder#excludePaths} (default {@value
 *       #DEFAULT_DASHBOARD_PATH}, the dashboard's mount) and non-{@code REQUEST} dispatches pass
 *       through untimed; a request is timed once even if the filter is registered twice.
 * </ul>
 *
 * <p>Never throws into the host: anything that fails while recording is contained and counted in
 * {@link #failedRecords()}. Thread-safe; one instance serves every request.
 */
public final class TelemetryFilter implements Filter {
  /** A request attribute the host (or a framework) may set to the matched route template. */
  public static final String ROUTE_ATTRIBUTE = "dev.telemetry.route";
  /** The attribute Spring MVC sets to the handler's matched pattern. */
  public static final String SPRING_MVC_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
  /** The attribute Spring MVC sets to an exception a resolver turned into the response. */
  public static final String SPRING_MVC_EXCEPTION = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";
  /** The servlet container's {@code RequestDispatcher.ERROR_EXCEPTION}. */
  public static final String SERVLET_ERROR_EXCEPTION = "jakarta.servlet.error.exception";
  /** The attribute Spring MVC sets to the handler that matched, read for its static resources. */
  private static final String SPRING_MVC_HANDLER = "org.springframework.web.servlet.HandlerMapping.bestMatchingHandler";
  private static final String SPRING_MVC_RESOURCE_HANDLER = "org.springframework.web.servlet.resource.ResourceHttpRequestHandler";
  /** The route of a 404 no route attribute names (with {@link Builder#foldUnmatchedRoutes()}). */
  public static final String NOT_FOUND_ROUTE = "/{not_found}";
  /** The route of a 3xx no route attribute names (with {@link Builder#foldUnmatchedRoutes()}). */
  public static final String REDIRECTION_ROUTE = "/{redirection}";
  /** The dashboard's default mount, excluded unless {@link Builder#excludePaths} says otherwise. */
  public static final String DEFAULT_DASHBOARD_PATH = "/admin/telemetry";
  private static final String TIMED_MARKER = TelemetryFilter.class.getName() + ".timed";
  private static final int SERVER_ERROR = 500;

  private final HttpServerRecorder metrics;
  private final String[] routeAttributes;
  private final String[] errorAttributes;
  private final boolean foldUnmatchedRoutes;
  private final String[] excludedPaths;
  private final LongSupplier nanoTime;
  private final LongAdder failedRecords = new LongAdder();

  private TelemetryFilter(Builder builder) {
    this.metrics = HttpServerRecorder.of(builder.telemetry);
    if (!metrics.recordsAnything()) {
      throw new IllegalArgumentException("the contract declares none of " + StandardMetrics.HTTP_SERVER_DURATION
          + " (histogram), " + StandardMetrics.HTTP_SERVER_REQUESTS + " (counter), "
          + StandardMetrics.HTTP_SERVER_ERRORS + " (counter): add them with StandardMetrics.addHttpServer");
    }
    this.routeAttributes = builder.routeAttributes.toArray(String[]::new);
    this.errorAttributes = builder.errorAttributes.toArray(String[]::new);
    this.foldUnmatchedRoutes = builder.foldUnmatchedRoutes;
    this.excludedPaths = builder.excludedPaths.toArray(String[]::new);
    this.nanoTime = builder.nanoTime;
  }

  /** A filter with the defaults: default route attributes, the dashboard's default mount excluded. */
  public static TelemetryFilter create(Telemetry telemetry) {
    return builder(telemetry).build();
  }

  /** Starts a configuration for a filter recording into {@code telemetry}. */
  public static Builder builder(Telemetry telemetry) {
    return new Builder(telemetry);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
        || !claim(http)) {
      chain.doFilter(request, response);
      return;
    }
    long start = now();
    try {
      chain.doFilter(request, response);
    } catch (Throwable error) {
      finish(http, SERVER_ERROR, error, start);
      throw error;
    }
    if (startedAsync(http)) {
      watchCompletion(http, httpResponse, start);
    } else {
      finish(http, status(httpResponse), null, start);
    }
  }

  /** Whether this request is to be timed here; marks it so a second registration does not time it again. */
  private boolean claim(HttpServletRequest request) {
    try {
      if (request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(TIMED_MARKER) != null
          || isExcluded(pathWithinApplication(request))) {
        return false;
      }
      request.setAttribute(TIMED_MARKER, Boolean.TRUE);
      return true;
    } catch (RuntimeException e) {
      failedRecords.increment();
      return false;
    }
  }

  private boolean isExcluded(String path) {
    for (String excluded : excludedPaths) {
      if (path.startsWith(excluded)
          && (path.length() == excluded.length() || path.charAt(excluded.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  private long now() {
    try {
      return nanoTime.getAsLong();
    } catch (RuntimeException e) {
      failedRecords.increment();
      return Long.MIN_VALUE;
    }
  }

  private boolean startedAsync(HttpServletRequest request) {
    try {
      return request.isAsyncStarted();
    } catch (RuntimeException e) {
      failedRecords.increment();
      return false;
    }
  }

  private int status(HttpServletResponse response) {
    try {
      return response.getStatus();
    } catch (RuntimeException e) {
      failedRecords.increment();
      return 0;
    }
  }

  private void watchCompletion(HttpServletRequest request, HttpServletResponse response, long start) {
    try {
      request.getAsyncContext().addListener(new CompletionListener(request, response, start));
    } catch (RuntimeException e) {
      // the request completed between the check and the registration: record it now
      finish(request, status(response), null, start);
    }
  }

  private void finish(HttpServletRequest request, int status, Throwable error, long start) {
    try {
      long end = now();
      if (start == Long.MIN_VALUE || end == Long.MIN_VALUE) {
        return;
      }
      Throwable failure = error != null ? error : status >= SERVER_ERROR ? resolvedError(request) : null;
      metrics.record(route(request, status), request.getMethod(), status,
          failure == null ? null : errorType(failure), Math.max(0, end - start));
    } catch (RuntimeException | LinkageError e) {
      failedRecords.increment();
    }
  }

  private String route(HttpServletRequest request, int status) {
    if (foldUnmatchedRoutes && status == 404 && isStaticResourceHandler(request.getAttribute(SPRING_MVC_HANDLER))) {
      // Boot's static resources answer every path no controller matched ("/**"): a missing file is an unknown path.
      return NOT_FOUND_ROUTE;
    }
    for (String attribute : routeAttributes) {
      Object matched = request.getAttribute(attribute);
      if (matched != null) {
        String route = matched.toString();
        if (!route.isEmpty()) {
          return route;
        }
      }
    }
    if (foldUnmatchedRoutes && status == 404) {
      return NOT_FOUND_ROUTE;
    }
    if (foldUnmatchedRoutes && status >= 300 && status < 400) {
      return REDIRECTION_ROUTE;
    }
    return pathWithinApplication(request);
  }

  private static boolean isStaticResourceHandler(Object handler) {
    for (Class<?> type = handler == null ? null : handler.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals(SPRING_MVC_RESOURCE_HANDLER)) {
        return true;
      }
    }
    return false;
  }

  /** The exception a framework resolved into this request's response, or null. */
  private Throwable resolvedError(HttpServletRequest request) {
    for (String attribute : errorAttributes) {
      if (request.getAttribute(attribute) instanceof Throwable resolved) {
        return resolved;
      }
    }
    return null;
  }

  /** The request path without the context path and without {@code ;parameters}. */
  static String pathWithinApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri == null) {
      return "/";
    }
    String context = request.getContextPath();
    int from = context != null && !context.isEmpty() && uri.startsWith(context) ? context.length() : 0;
    int semicolon = uri.indexOf(';', from);
    int to = semicolon < 0 ? uri.length() : semicolon;
    if (from == to) {
      return "/";
    }
    return from == 0 && to == uri.length() ? uri : uri.substring(from, to);
  }

  private static String errorType(Throwable error) {
    Throwable cause = error;
    // a container or framework wrapping the application's exception says nothing about it
    while (cause instanceof ServletException && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String simple = cause.getClass().getSimpleName();
    return simple.isEmpty() ? cause.getClass().getName() : simple;
  }

  /** Things that failed while recording and were contained (the request itself was unaffected). */
  public long failedRecords() {
    return failedRecords.sum();
  }

  /** Records an async request once, at completion, with the error its timeout or failure gave. */
  private final class CompletionListener implements AsyncListener {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long start;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile Throwable error;

    CompletionListener(HttpServletRequest request, HttpServletResponse response, long start) {
      this.request = request;
      this.response = response;
      this.start = start;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      if (recorded.compareAndSet(false, true)) {
        Throwable failure = error;
        int status = status(response);
        finish(request, failure != null && status < SERVER_ERROR ? SERVER_ERROR : status, failure, start);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      error = new AsyncTimeout();
    }

    @Override
    public void onError(AsyncEvent event) {
      Throwable thrown = event.getThrowable();
      error = thrown != null ? thrown : new AsyncTimeout();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // async restarted: stay registered for the new cycle's completion
      try {
        event.getAsyncContext().addListener(this);
      } catch (RuntimeException e) {
        failedRecords.increment();
      }
    }
  }

  /** Stands for an async request that timed out (its {@code error_type} is {@code AsyncTimeout}). */
  private static final class AsyncTimeout extends Exception {
    private static final long serialVersionUID = 1L;

    AsyncTimeout() {
      super(null, null, false, false);
    }
  }

  /** Configuration of a {@link TelemetryFilter}; {@link #build()} validates it. */
  public static final class Builder {
    private final Telemetry telemetry;
    private final Set<String> routeAttributes = new LinkedHashSet<>(List.of(ROUTE_ATTRIBUTE, SPRING_MVC_PATTERN));
    private final Set<String> errorAttributes = new LinkedHashSet<>(List.of(SPRING_MVC_EXCEPTION,
        SERVLET_ERROR_EXCEPTION));
    private final List<String> excludedPaths = new ArrayList<>(List.of(DEFAULT_DASHBOARD_PATH));
    private boolean foldUnmatchedRoutes;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(Telemetry telemetry) {
      this.telemetry = requireNonNull(telemetry, "telemetry");
    }

    /**
     * The request attributes holding the matched route template, tried in order (replaces the
     * defaults {@code dev.telemetry.route} and Spring MVC's {@code
     * org.springframework.web.servlet.HandlerMapping.bestMatchingPattern}).
     */
    public Builder routeAttributes(String... names) {
      requireNonNull(names, "names");
      routeAttributes.clear();
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("routeAttributes: an attribute name is null or blank");
        }
        routeAttributes.add(name);
      }
      return this;
    }

    /**
     * The request attributes where a framework leaves the exception it resolved into a 5xx
     * response, tried in order (replaces the defaults {@value #SPRING_MVC_EXCEPTION} and {@value
     * #SERVLET_ERROR_EXCEPTION}); its class becomes the error's {@code error_type}.
     */
    public Builder errorAttributes(String... names) {
      requireNonNull(names, "names");
      errorAttributes.clear();
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("errorAttributes: an attribute name is null or blank");
        }
        errorAttributes.add(name);
      }
      return this;
    }

    /**
     * Records a request that no route attribute names as {@value #NOT_FOUND_ROUTE} when it answered
     * 404 and {@value #REDIRECTION_ROUTE} when it answered 3xx, instead of by its path. For
     * frameworks that name the route of every request they handle (Spring MVC): what they did not
     * match is then one series, whatever paths were asked for.
     */
    public Builder foldUnmatchedRoutes() {
      this.foldUnmatchedRoutes = true;
      return this;
    }

    /**
     * Path prefixes within the application that are not timed (replaces the default {@value
     * #DEFAULT_DASHBOARD_PATH}): pass the dashboard's mount here when it is elsewhere. Each must
     * start with {@code /}; a trailing {@code /} is ignored.
     */
    public Builder excludePaths(String... prefixes) {
      requireNonNull(prefixes, "prefixes");
      excludedPaths.clear();
      for (String prefix : prefixes) {
        if (prefix == null || !prefix.startsWith("/")) {
          throw new IllegalArgumentException("excludePaths: '" + prefix + "' must start with '/'");
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty()) {
          throw new IllegalArgumentException("excludePaths: '/' would exclude every request");
        }
        excludedPaths.add(trimmed);
      }
      return this;
    }

    /**
     * Measures durations on {@code clock} instead of {@link System#nanoTime()} (for tests that
     * drive time by hand).
     */
    public Builder clock(Clock clock) {
      requireNonNull(clock, "clock");
      this.nanoTime = () -> {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };
      return this;
    }

    /**
     * Builds the filter; throws {@link IllegalArgumentException} when the contract declares none of
     * the HTTP server metrics.
     */
    public TelemetryFilter build() {
      return new TelemetryFilter(this);
    }
  }
}
