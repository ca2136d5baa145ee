package dev.telemetry.spring;

import dev.telemetry.Telemetry;

/**
 * Adjusts the {@link Telemetry.Builder} after the starter applied the {@code telemetry.*}
 * properties and before it builds: health probes, pages, thresholds, redaction. Every bean of
 * this type is applied, in {@link org.springframework.core.annotation.Order} order. What the
 * {@code Telemetry} instance itself must do after it is built (register gauge callbacks, say)
 * belongs in a bean that takes the {@code Telemetry} bean instead.
 *
 * <pre>{@code
 * @Bean
 * TelemetryBuilderCustomizer cacheProbe(RedisClient redis) {
 *   return builder -> builder.healthProbe("redis", () -> redis.ping() ? ProbeResult.healthy("PONG") : ProbeResult.down("no PONG"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TelemetryBuilderCustomizer {
  /** Adjusts {@code builder}; runs once, at startup. */
  void customize(Telemetry.Builder builder);
}
