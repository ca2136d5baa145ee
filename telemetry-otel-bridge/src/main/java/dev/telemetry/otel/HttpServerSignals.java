package dev.telemetry.otel;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;

/**
 * Records one served HTTP request into the contract's latency, traffic and errors metrics
 * ({@link StandardMetrics}), each only if the contract declares it. Shared by the span exporter
 * (server spans) and the Micrometer registry ({@code http.server.requests}).
 */
final class HttpServerSignals {
  private final Histogram latency;
  private final double perSecond;
  private final Counter requests;
  private final Counter errors;

  private HttpServerSignals(Telemetry telemetry) {
    MetricDefinition latencyDef = declared(telemetry, StandardMetrics.HTTP_SERVER_DURATION, MetricKind.HISTOGRAM);
    this.latency = latencyDef == null ? null : telemetry.histogram(latencyDef.name());
    this.perSecond = latencyDef == null ? 1 : Units.factor(1, latencyDef.unit());
    this.requests = declared(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS);
    this.errors = declared(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_ERRORS);
  }

  static HttpServerSignals of(Telemetry telemetry) {
    return new HttpServerSignals(telemetry);
  }

  private static MetricDefinition declared(Telemetry telemetry, String name, MetricKind kind) {
    return telemetry.contract().find(name).filter(d -> d.kind() == kind).orElse(null);
  }

  /** Whether any of the three metrics is declared. */
  boolean enabled() {
    return latency != null || requests != null || errors != null;
  }

  /**
   * One request.
   *
   * @param route route template or raw path (templated by core), may be null
   * @param method HTTP method, may be null
   * @param status response status, 0 when unknown
   * @param errorType error type (exception class, OTel {@code error.type}), null or empty when none
   */
  void record(String route, String method, int status, String errorType, double seconds) {
    String statusText = status > 0 ? Integer.toString(status) : null;
    if (latency != null && seconds >= 0) {
      latency.record(seconds * perSecond, key(StandardMetrics.ROUTE, route), route,
          key(StandardMetrics.METHOD, method), method, key(StandardMetrics.STATUS, statusText), statusText);
    }
    if (requests != null) {
      requests.increment(key(StandardMetrics.ROUTE, route), route, key(StandardMetrics.METHOD, method), method,
          key(StandardMetrics.STATUS, statusText), statusText);
    }
    boolean hasErrorType = errorType != null && !errorType.isEmpty();
    if (errors != null && (status >= 500 || hasErrorType)) {
      String type = hasErrorType ? errorType : statusText;
      errors.increment(key(StandardMetrics.ROUTE, route), route, key(StandardMetrics.METHOD, method), method,
          key(StandardMetrics.ERROR_TYPE, type), type);
    }
  }

  /** The key when there is a value; a null key means "no pair" to core, so absent values cost nothing. */
  private static String key(String key, String value) {
    return value == null || value.isEmpty() ? null : key;
  }
}
