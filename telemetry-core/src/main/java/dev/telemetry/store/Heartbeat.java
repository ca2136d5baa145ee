package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest sign of life of a named service, job or cached key. Stores keep one row per
 * {@code (name, node)}: the newest {@code lastSeen} wins.
 *
 * @param name what is tracked (e.g. {@code price_snapshot}, {@code nightly_report})
 * @param kind service heartbeat, job run or key refresh
 * @param node the node that reported it
 * @param lastSeen when it was last seen, run or refreshed
 * @param expectedInterval the TTL or run interval: older than this is stale, twice this is dead
 * @param lastDuration how long the last run took, {@link Duration#ZERO} when not a job
 * @param ok whether the last run or check succeeded
 * @param detail short scrubbed detail, may be empty
 */
public record Heartbeat(
    String name,
    Kind kind,
    String node,
    Instant lastSeen,
    Duration expectedInterval,
    Duration lastDuration,
    boolean ok,
    String detail) {

  /** What a heartbeat tracks. */
  public enum Kind {
    SERVICE,
    JOB,
    KEY
  }

  public Heartbeat {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(node, "node");
    requireNonNull(lastSeen, "lastSeen");
    requireNonNull(expectedInterval, "expectedInterval");
    lastDuration = lastDuration == null ? Duration.ZERO : lastDuration;
    detail = detail == null ? "" : detail;
  }
}
