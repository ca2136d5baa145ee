package dev.telemetry.contract;

/**
 * Names and declarations of the metrics the dashboard's golden signals, the OpenTelemetry and
 * Micrometer bridges and the demo agree on. A host adds them to its contract with {@link
 * #addHttpServer} and {@link #addSaturation} (or declares its own and maps signals itself).
 *
 * <pre>{@code
 * MetricContract contract = StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder()))
 *     .counter("orders_placed_total", m -> m.labels("channel"))
 *     .build();
 * }</pre>
 */
public final class StandardMetrics {
  /** Server request latency by route, method and status class: the LATENCY signal. */
  public static final String HTTP_SERVER_DURATION = "http_server_duration_seconds";
  /** Server requests by route, method and status: the TRAFFIC signal. */
  public static final String HTTP_SERVER_REQUESTS = "http_server_requests_total";
  /** Server requests that failed (5xx or an exception) by route, method and error type: the ERRORS signal. */
  public static final String HTTP_SERVER_ERRORS = "http_server_errors_total";
  /** Database statement latency by operation and SQLState class ({@code 00} for success). */
  public static final String DB_QUERY_DURATION = "db_query_duration_seconds";
  /** Connection pool utilisation (active / max) by pool: a SATURATION signal. */
  public static final String DB_POOL_UTILIZATION = "db_pool_utilization_ratio";
  /** Heap used / max: a SATURATION signal. */
  public static final String PROCESS_MEMORY_UTILIZATION = "process_memory_utilization_ratio";

  /** Label keys of the HTTP server metrics. */
  public static final String ROUTE = "route";
  public static final String METHOD = "method";
  public static final String STATUS = "status";
  public static final String ERROR_TYPE = "error_type";
  /** Label key of the database query metric: {@code select}, {@code insert}, {@code update}, {@code delete} or {@code other}. */
  public static final String OPERATION = "operation";
  /** The SQLState's two-character class: {@code 00} success, {@code 23} integrity violation, {@code 08} connection … */
  public static final String SQLSTATE_CLASS = "sqlstate_class";

  private StandardMetrics() {}

  /** Declares the three HTTP server metrics (latency, traffic, errors) with a budget of 500 label sets each. */
  public static MetricContract.Builder addHttpServer(MetricContract.Builder contract) {
    return contract
        .histogram(HTTP_SERVER_DURATION, m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY)
            .labels(ROUTE, METHOD, STATUS).cardinalityBudget(500)
            .description("Server request duration"))
        .counter(HTTP_SERVER_REQUESTS, m -> m.signal(GoldenSignal.TRAFFIC)
            .labels(ROUTE, METHOD, STATUS).cardinalityBudget(500)
            .description("Server requests"))
        .counter(HTTP_SERVER_ERRORS, m -> m.signal(GoldenSignal.ERRORS)
            .labels(ROUTE, METHOD, ERROR_TYPE).cardinalityBudget(500)
            .description("Server requests that failed with a 5xx status or an exception"));
  }

  /** Declares database query latency and the pool and memory saturation gauges. */
  public static MetricContract.Builder addSaturation(MetricContract.Builder contract) {
    return contract
        .histogram(DB_QUERY_DURATION, m -> m.unit(MetricUnit.SECONDS).labels(OPERATION, SQLSTATE_CLASS)
            .description("Database query duration"))
        .gauge(DB_POOL_UTILIZATION, m -> m.unit(MetricUnit.RATIO).signal(GoldenSignal.SATURATION).labels("pool")
            .description("Connections in use / maximum pool size"))
        .gauge(PROCESS_MEMORY_UTILIZATION, m -> m.unit(MetricUnit.RATIO).signal(GoldenSignal.SATURATION)
            .description("Heap used / heap max"));
  }
}
