package dev.telemetry.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one run of a {@link HealthProbe} found.
 *
 * @param status the service's state
 * @param detail a short human-readable reason (no secrets: it is shown on the dashboard), may be empty
 * @param latency what the probe itself measured (e.g. a ping round trip), {@link Duration#ZERO}
 *     when it measured nothing; the matrix records its own wall time of the call separately
 */
public record ProbeResult(HealthStatus status, String detail, Duration latency) {
  public ProbeResult {
    requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    latency = latency == null ? Duration.ZERO : latency;
  }

  public static ProbeResult healthy(String detail) {
    return new ProbeResult(HealthStatus.HEALTHY, detail, Duration.ZERO);
  }

  public static ProbeResult degraded(String detail) {
    return new ProbeResult(HealthStatus.DEGRADED, detail, Duration.ZERO);
  }

  public static ProbeResult down(String detail) {
    return new ProbeResult(HealthStatus.DOWN, detail, Duration.ZERO);
  }

  public static ProbeResult unavailable(String detail) {
    return new ProbeResult(HealthStatus.UNAVAILABLE, detail, Duration.ZERO);
  }
}
