package dev.telemetry.health;

/** The state of a service in the health matrix (DESIGN §4 {@code /health}). */
public enum HealthStatus {
  /** Responds normally. */
  HEALTHY,
  /** Responds, but with elevated errors or latency above its threshold. */
  DEGRADED,
  /** Does not respond, fails, timed out, or its probe threw. */
  DOWN,
  /** Not configured or optional and absent (graceful: not an outage), or not checked yet. */
  UNAVAILABLE
}
