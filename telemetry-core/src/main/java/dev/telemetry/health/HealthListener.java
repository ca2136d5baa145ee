package dev.telemetry.health;

import java.time.Instant;

/**
 * Told when a service's status changes. Called on a probe or timeout thread of the matrix, in
 * the order the results arrive; it should return quickly (hand off to a queue). What it throws
 * is contained and does not stop other listeners. The first result of a service is not a
 * transition.
 */
@FunctionalInterface
public interface HealthListener {
  void onTransition(HealthTransition transition);

  /**
   * A service changed state (the live feed's {@code health_change}).
   *
   * @param service service name
   * @param from previous state
   * @param to new state
   * @param detail detail of the new state
   * @param at when the check that found it finished
   */
  public record HealthTransition(String service, HealthStatus from, HealthStatus to, String detail, Instant at) {}
}
