package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A business event for analytics (a deployment, a sign-up, a feature toggle).
 *
 * @param ts when it happened
 * @param type event type (e.g. {@code deployment_created})
 * @param subject pseudonymized subject id (keyed hash), or {@code null}
 * @param dimensions allowlisted, scrubbed dimensions (e.g. network, template, tier)
 * @param outcome success, failure or none
 * @param value a numeric value (amount, duration …), 0 when not used
 * @param service the service that emitted it
 * @param node the node that emitted it
 */
public record BusinessEvent(
    Instant ts,
    String type,
    String subject,
    Map<String, String> dimensions,
    Outcome outcome,
    double value,
    String service,
    String node) {
  public BusinessEvent {
    requireNonNull(ts, "ts");
    requireNonNull(type, "type");
    dimensions = Labels.sorted(dimensions);
    requireNonNull(outcome, "outcome");
    requireNonNull(service, "service");
    requireNonNull(node, "node");
  }
}
