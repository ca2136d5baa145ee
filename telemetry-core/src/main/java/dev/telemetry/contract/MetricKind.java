package dev.telemetry.contract;

/** How a metric aggregates the values recorded into it. */
public enum MetricKind {
    /** A monotonically increasing count; stored as the delta per time bucket. Name ends in {@code _total}. */
    COUNTER,
    /** A value sampled at a point in time; stored as last/min/max/avg per time bucket. */
    GAUGE,
    /** A distribution of observations; stored as a mergeable sketch per time bucket. */
    HISTOGRAM
}
