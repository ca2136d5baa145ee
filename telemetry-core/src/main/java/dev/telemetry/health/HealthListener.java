package dev.telemetry.health;

/**
 * Told when a service's status changes. Called on a probe or timeout thread of the matrix, in
 * the order the results arrive; it should return quickly (hand off to a queue). What it throws
 * is contained and does not stop other listeners. The first result of a service is not a
 * transition.
 */
@FunctionalInterface
public interface HealthListener {
  void onTransition(HealthTransition transition);
}
