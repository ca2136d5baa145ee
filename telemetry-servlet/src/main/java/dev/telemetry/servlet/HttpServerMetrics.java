package dev.telemetry.servlet;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;

/**
 * Records one served request into the contract's HTTP latency, traffic and errors metrics ({@link
 * StandardMetrics}), each only if the contract declares it with the expected kind.
 */
final class HttpServerMetrics {
  private static final int FIRST_STATUS = 100;
  private static final int LAST_STATUS = 599;
  /** Status labels made once: {@code Integer.toString} per request would allocate. */
  private static final String[] STATUS_TEXT = new String[LAST_STATUS + 1];

  static {
    for (int status = FIRST_STATUS; status <= LAST_STATUS; status++) {
      STATUS_TEXT[status] = Integer.toString(status).intern();
    }
  }

  private final Histogram latency;
  private final double perNanosecond;
  private final Counter requests;
  private final Counter errors;

  private HttpServerMetrics(Histogram latency, double perNanosecond, Counter requests, Counter errors) {
    this.latency = latency;
    this.perNanosecond = perNanosecond;
    this.requests = requests;
    this.errors = errors;
  }

  /**
   * The metrics {@code telemetry}'s contract declares; throws {@link IllegalArgumentException} when
   * it declares none of the three.
   */
  static HttpServerMetrics of(Telemetry telemetry) {
    MetricDefinition latencyDefinition = declared(telemetry, StandardMetrics.HTTP_SERVER_DURATION, MetricKind.HISTOGRAM);
    Histogram latency = latencyDefinition == null ? null : telemetry.histogram(latencyDefinition.name());
    double perNanosecond = latencyDefinition == null ? 0 : perNanosecond(latencyDefinition);
    Counter requests = declared(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS);
    Counter errors = declared(telemetry, StandardMetrics.HTTP_SERVER_ERRORS, MetricKind.COUNTER) == null ? null
        : telemetry.counter(StandardMetrics.HTTP_SERVER_ERRORS);
    if (latency == null && requests == null && errors == null) {
      throw new IllegalArgumentException("the contract declares none of " + StandardMetrics.HTTP_SERVER_DURATION
          + " (histogram), " + StandardMetrics.HTTP_SERVER_REQUESTS + " (counter), "
          + StandardMetrics.HTTP_SERVER_ERRORS + " (counter): add them with StandardMetrics.addHttpServer");
    }
    return new HttpServerMetrics(latency, perNanosecond, requests, errors);
  }

  private static MetricDefinition declared(Telemetry telemetry, String name, MetricKind kind) {
    return telemetry.contract().find(name).filter(definition -> definition.kind() == kind).orElse(null);
  }

  private static double perNanosecond(MetricDefinition latency) {
    String unit = latency.unit() == null ? "" : latency.unit().suffix();
    return unit.equals("milliseconds") ? 1e-6 : 1e-9;
  }

  /**
   * One request.
   *
   * @param route route template or raw path (core templates it)
   * @param status response status
   * @param errorType the exception's class name, or null when none was thrown
   */
  void record(String route, String method, int status, String errorType, long nanos) {
    String statusText = status >= FIRST_STATUS && status <= LAST_STATUS ? STATUS_TEXT[status] : null;
    String statusKey = statusText == null ? null : StandardMetrics.STATUS;
    if (latency != null) {
      latency.record(nanos * perNanosecond, StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method,
          statusKey, statusText);
    }
    if (requests != null) {
      requests.increment(StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method, statusKey, statusText);
    }
    if (errors != null && (errorType != null || status >= 500)) {
      String type = errorType != null ? errorType : statusText;
      errors.increment(StandardMetrics.ROUTE, route, StandardMetrics.METHOD, method,
          type == null ? null : StandardMetrics.ERROR_TYPE, type);
    }
  }
}
