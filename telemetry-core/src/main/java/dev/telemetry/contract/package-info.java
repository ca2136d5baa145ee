/**
 * The metric contract: which metrics exist, what they measure and which labels they may carry.
 *
 * <p>A {@link dev.telemetry.contract.MetricContract} is declared once at start-up and validated
 * as a whole; the recording engine then trusts it. {@link dev.telemetry.contract.RouteTemplates}
 * keeps route label values bounded by turning raw paths into templates.
 */
package dev.telemetry.contract;
