package dev.telemetry;

/**
 * Counts events; each flush stores the increase over the interval. Labels as for {@link
 * Histogram}. Negative, NaN and infinite amounts are rejected and counted. No method throws.
 *
 * <pre>{@code
 * Counter requests = telemetry.counter("http_server_requests_total");
 * requests.increment("route", "/users/{id}", "status", "200");
 * }</pre>
 */
public interface Counter {
  /** The metric name. */
  String name();

  void increment();

  void increment(String k1, String v1);

  void increment(String k1, String v1, String k2, String v2);

  void increment(String k1, String v1, String k2, String v2, String k3, String v3);

  void increment(String k1, String v1, String k2, String v2, String k3, String v3, String k4, String v4);

  void add(double amount);

  void add(double amount, String k1, String v1);

  void add(double amount, String k1, String v1, String k2, String v2);

  void add(double amount, String k1, String v1, String k2, String v2, String k3, String v3);

  /** Adds with any number of pairs {@code k1, v1, k2, v2 …}; allocates per call. */
  void addWithLabels(double amount, String... keyValues);

  /** A handle for one label set. */
  BoundCounter bind(String... keyValues);
}
