package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Metadata of one span in the trace index (never payloads).
 *
 * @param ts span start
 * @param traceId trace id (hex)
 * @param spanId span id (hex), may be {@code null}
 * @param spanName operation name
 * @param service the service that produced it
 * @param node the node that produced it
 * @param domain functional area, may be empty
 * @param route route template (never a raw path), may be empty
 * @param status HTTP status code, or 0 when not an HTTP span
 * @param error whether the span ended in error
 * @param durationMs duration in milliseconds
 */
public record TraceRecord(
    Instant ts,
    String traceId,
    String spanId,
    String spanName,
    String service,
    String node,
    String domain,
    String route,
    int status,
    boolean error,
    double durationMs) {
  public TraceRecord {
    requireNonNull(ts, "ts");
    requireNonNull(traceId, "traceId");
    requireNonNull(service, "service");
    requireNonNull(node, "node");
    spanName = spanName == null ? "" : spanName;
    domain = domain == null ? "" : domain;
    route = route == null ? "" : route;
  }
}
