package dev.telemetry.contract;

/**
 * The golden signal a metric feeds on the dashboard. Each signal constrains the metric's kind and
 * unit, so that the vital-sign cards can compute what they promise (see {@link MetricContract}).
 */
public enum GoldenSignal {
    /** Time to serve a request: a histogram with a time unit. */
    LATENCY,
    /** Demand on the system: a counter, or a histogram whose count is the demand. */
    TRAFFIC,
    /** Rate of failures: a counter. */
    ERRORS,
    /** How full a resource is: a gauge in {@code ratio} or {@code percent}. */
    SATURATION,
    /** Not shown on the golden-signal cards; any kind and unit. */
    NONE
}
