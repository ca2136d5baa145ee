package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A curated WARN or ERROR log event, already scrubbed and bounded by the pipeline.
 *
 * @param ts when it happened
 * @param level WARN or ERROR
 * @param service the service that logged it
 * @param node the node that logged it
 * @param domain functional area (e.g. {@code payments}), may be empty
 * @param event a short stable event name (e.g. {@code charge_failed}), may be empty
 * @param message scrubbed, length-capped message
 * @param traceId trace id for correlation, or {@code null}
 * @param spanId span id, or {@code null}
 * @param attrs allowlisted, scrubbed attributes
 */
public record LogEvent(
    Instant ts,
    LogLevel level,
    String service,
    String node,
    String domain,
    String event,
    String message,
    String traceId,
    String spanId,
    Map<String, String> attrs) {
  public LogEvent {
    requireNonNull(ts, "ts");
    requireNonNull(level, "level");
    requireNonNull(service, "service");
    requireNonNull(node, "node");
    domain = domain == null ? "" : domain;
    event = event == null ? "" : event;
    message = message == null ? "" : message;
    attrs = Labels.sorted(attrs);
  }
}
