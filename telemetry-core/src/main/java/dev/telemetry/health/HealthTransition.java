package dev.telemetry.health;

import java.time.Instant;

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
