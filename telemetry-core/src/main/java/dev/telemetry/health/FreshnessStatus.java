package dev.telemetry.health;

/** How recent a tracked job or key is against its TTL (DESIGN §2.5). */
public enum FreshnessStatus {
  /** {@code age < ttl}. */
  FRESH,
  /** {@code ttl <= age < 2 × ttl}. */
  STALE,
  /** {@code age >= 2 × ttl}. */
  DEAD
}
