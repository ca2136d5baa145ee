package dev.telemetry.spring;

import dev.telemetry.contract.MetricContract;

/**
 * Declares metrics in the contract the starter builds (which already holds the HTTP server,
 * database and saturation metrics of {@link dev.telemetry.contract.StandardMetrics}). Every bean
 * of this type is applied, in {@link org.springframework.core.annotation.Order} order, before the
 * contract is built; a {@link MetricContract} bean of the host's replaces the starter's contract
 * (and these customizers) altogether.
 *
 * <pre>{@code
 * @Bean
 * TelemetryContractCustomizer orders() {
 *   return contract -> contract.counter("orders_placed_total", m -> m.labels("channel"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TelemetryContractCustomizer {
  /** Adds declarations to {@code contract}; runs once, at startup. */
  void customize(MetricContract.Builder contract);
}
