package dev.telemetry.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the health matrix.
 *
 * @param service the service name as registered
 * @param status its state; {@link HealthStatus#UNAVAILABLE} until first checked
 * @param detail the probe's detail, or why it is down (timeout, exception)
 * @param checkedAt when the last check finished, {@code null} before the first
 * @param latencyMs wall time of the last check in milliseconds (the timeout when it timed out)
 */
public record ServiceHealth(String service, HealthStatus status, String detail, Instant checkedAt, double latencyMs) {
  public ServiceHealth {
    requireNonNull(service, "service");
    requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
  }
}
