package dev.telemetry.health;

import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The freshness of one tracked service, job or key on one node: fresh / stale / dead against its
 * own TTL (the {@code /freshness} endpoint). {@link #readAll} lists every tracked one:
 *
 * <pre>{@code
 * List<Freshness> rows = Freshness.readAll(telemetry.store(), telemetry.clock().instant());
 * }</pre>
 *
 * @param name what is tracked
 * @param kind service, job or key
 * @param node the node that reported it
 * @param status fresh / stale / dead
 * @param lastSeen when it was last seen, run or refreshed
 * @param ageSeconds seconds since {@code lastSeen} (0 when the timestamp is in the future)
 * @param ttlSeconds its TTL or expected interval in seconds
 * @param lastDurationMs duration of the last run in milliseconds (0 when not a job)
 * @param ok whether the last run or check succeeded
 * @param detail short detail from the reporter
 */
public record Freshness(
    String name,
    Heartbeat.Kind kind,
    String node,
    FreshnessStatus status,
    Instant lastSeen,
    double ageSeconds,
    double ttlSeconds,
    double lastDurationMs,
    boolean ok,
    String detail) {
  private static final Comparator<Freshness> WORST_FIRST = Comparator
      .comparing((Freshness f) -> f.status().ordinal()).reversed()
      .thenComparing(Freshness::name)
      .thenComparing(Freshness::node);

  /**
   * Every tracked (name, node) in {@code store} at {@code now}, worst first (dead, stale, fresh),
   * then by name and node. Reads the store once ({@link TelemetryStore#readHeartbeats()}), which may
   * throw {@link dev.telemetry.store.StoreException}; callers that show partial data catch it.
   */
  public static List<Freshness> readAll(TelemetryStore store, Instant now) {
    return store.readHeartbeats().stream().map(h -> of(h, now)).sorted(WORST_FIRST).toList();
  }

  /** The freshness of {@code heartbeat} at {@code now}. */
  public static Freshness of(Heartbeat heartbeat, Instant now) {
    Duration age = Duration.between(heartbeat.lastSeen(), now);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    Duration ttl = heartbeat.expectedInterval();
    FreshnessStatus status = age.compareTo(ttl) < 0 ? FreshnessStatus.FRESH
        : age.compareTo(ttl.multipliedBy(2)) < 0 ? FreshnessStatus.STALE
        : FreshnessStatus.DEAD;
    return new Freshness(heartbeat.name(), heartbeat.kind(), heartbeat.node(), status, heartbeat.lastSeen(),
        seconds(age), seconds(ttl), heartbeat.lastDuration().toNanos() / 1e6, heartbeat.ok(), heartbeat.detail());
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** How recent a tracked job or key is against its TTL (DESIGN §2.5). */
  public enum FreshnessStatus {
    /** {@code age < ttl}. */
    FRESH,
    /** {@code ttl <= age < 2 × ttl}. */
    STALE,
    /** {@code age >= 2 × ttl}. */
    DEAD
  }
}
