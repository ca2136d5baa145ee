package dev.telemetry;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;

/**
 * Records one served HTTP request into the contract's latency, traffic and errors metrics ({@link
 * StandardMetrics#addHttpServer}), each only when the contract declares it with the expected kind.
 * The one recorder behind every HTTP server integration: the servlet filter, the OpenTelemetry span
 * exporter, the Micrometer registry's {@code http.server.requests}.
 *
 * <pre>{@code
 * HttpServerRecorder http = HttpServerRecorder.of(telemetry);
 * http.record("/users/{id}", "GET", 200, null, elapsedNanos);
 * }</pre>
 *
 * <p>A request is an error when its status is 5xx or it carries an error type (the exception's
 * class); the error's {@code error_type} is that type, else the status. Missing parts (a null or
 * empty route, method or error type, a status outside 100–599) are left out of the labels rather
 * than recorded as placeholders. Thread-safe; never throws (core counts and drops bad values and
 * labels); allocates nothing of its own per request (status labels are made once).
 */
public final class HttpServerRecorder {
  private static final int FIRST_STATUS = 100;
  private static final int LAST_STATUS = 599;
  private static final String[] STATUS_TEXT = new String[LAST_STATUS + 1];

  static {
    for (int status = FIRST_STATUS; status <= LAST_STATUS; status++) {
      STATUS_TEXT[status] = Integer.toString(status).intern();
    }
  }

  private static final double NANOSECONDS_PER_SECOND = 1e9;

  /** In seconds: the contract requires a histogram's name to end with its unit's suffix. */
  private final Histogram latency;
  private final Counter requests;
  private final Counter errors;

  private HttpServerRecorder(Telemetry telemetry) {
    MetricDefinition latencyDefinition = declared(telemetry, StandardMetrics.HTTP_SERVER_DURATION, MetricKind.HISTOGRAM);
    this.latency = latencyDefinition == null ? null : telemetry.histogram(latencyDefinition.name());
    this.requests = declared(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS);
    this.errors = declared(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_ERRORS);
  }

  /** The recorder for what {@code telemetry}'s contract declares (possibly nothing: see {@link #recordsAnything}). */
  public static HttpServerRecorder of(Telemetry telemetry) {
    return new HttpServerRecorder(requireNonNull(telemetry, "telemetry"));
  }

  private static MetricDefinition declared(Telemetry telemetry, String name, MetricKind kind) {
    return telemetry.contract().find(name).filter(definition -> definition.kind() == kind).orElse(null);
  }

  /** Whether the contract declares any of the three metrics (otherwise {@link #record} does nothing). */
  public boolean recordsAnything() {
    return latency != null || requests != null || errors != null;
  }

  /**
   * One request.
   *
   * @param route the route template, or a raw path (core templates it); may be null
   * @param method the HTTP method; may be null
   * @param status the response status; 0 when unknown
   * @param errorType the simple class name of the exception that failed the request (or a
   *     protocol's error type); null or empty when none
   * @param nanos how long it took; a negative duration records traffic and errors only
   */
  public void record(String route, String method, int status, String errorType, long nanos) {
    String statusText = status >= FIRST_STATUS && status <= LAST_STATUS ? STATUS_TEXT[status] : null;
    String routeKey = key(StandardMetrics.ROUTE, route);
    String methodKey = key(StandardMetrics.METHOD, method);
    String statusKey = key(StandardMetrics.STATUS, statusText);
    if (latency != null && nanos >= 0) {
      latency.record(nanos / NANOSECONDS_PER_SECOND, routeKey, route, methodKey, method, statusKey, statusText);
    }
    if (requests != null) {
      requests.increment(routeKey, route, methodKey, method, statusKey, statusText);
    }
    boolean hasErrorType = errorType != null && !errorType.isEmpty();
    if (errors != null && (hasErrorType || status >= 500)) {
      String type = hasErrorType ? errorType : statusText;
      errors.increment(routeKey, route, methodKey, method, key(StandardMetrics.ERROR_TYPE, type), type);
    }
  }

  /** The key when there is a value; a null key means "no pair" to core, so absent values cost nothing. */
  private static String key(String key, String value) {
    return value == null || value.isEmpty() ? null : key;
  }
}
