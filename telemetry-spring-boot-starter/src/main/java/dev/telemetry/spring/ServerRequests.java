package dev.telemetry.spring;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;

/**
 * Records one served request into the contract's HTTP latency, traffic and errors metrics
 * ({@link StandardMetrics#addHttpServer}), each only when the contract declares it with the
 * expected kind. Nothing here throws: core counts and drops bad values and labels.
 */
final class ServerRequests {
  private final Histogram latency;
  private final double perSecond;
  private final Counter requests;
  private final Counter errors;

  ServerRequests(Telemetry telemetry) {
    MetricDefinition latencyDef = declared(telemetry, StandardMetrics.HTTP_SERVER_DURATION, MetricKind.HISTOGRAM);
    this.latency = latencyDef == null ? null : telemetry.histogram(latencyDef.name());
    this.perSecond = latencyDef != null && MetricUnit.MILLISECONDS.equals(latencyDef.unit()) ? 1e3 : 1;
    this.requests = declared(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS);
    this.errors = declared(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_ERRORS);
  }

  private static MetricDefinition declared(Telemetry telemetry, String name, MetricKind kind) {
    return telemetry.contract().find(name).filter(d -> d.kind() == kind).orElse(null);
  }

  /**
   * One request.
   *
   * @param route the route template (or a fallback core templates further)
   * @param status the response status
   * @param errorType the simple class name of the exception that failed the request, or null
   */
  void record(String route, String method, int status, String errorType, long nanos) {
    String statusText = Integer.toString(status);
    if (latency != null) {
      latency.record(nanos / 1e9 * perSecond, StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method,
          StandardMetrics.STATUS, statusText);
    }
    if (requests != null) {
      requests.increment(StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method, StandardMetrics.STATUS,
          statusText);
    }
    if (errors != null && (status >= 500 || errorType != null)) {
      errors.increment(StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method, StandardMetrics.ERROR_TYPE,
          errorType != null ? errorType : statusText);
    }
  }
}
