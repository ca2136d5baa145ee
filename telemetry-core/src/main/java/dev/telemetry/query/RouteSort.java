package dev.telemetry.query;

/** How {@link TelemetryQueries#topRoutes} ranks routes. */
public enum RouteSort {
  /** Slowest p95 first. */
  LATENCY,
  /** Most failed requests first, then highest error rate. */
  ERRORS,
  /** Most requests first. */
  TRAFFIC;

  /**
   * The sort spelled {@code latency}, {@code errors} or {@code traffic}.
   *
   * @throws QueryException naming {@code sort} otherwise
   */
  public static RouteSort parse(String value) {
    for (RouteSort s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new QueryException("sort", "must be one of latency, errors, traffic, was '" + value + "'");
  }
}
