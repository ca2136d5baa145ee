package dev.telemetry.query;

import java.time.Instant;

/**
 * One chart point: the merge of every stored sample in one step bucket.
 *
 * <p>Absent statistics are {@code null}, never NaN (JSON has no NaN): percentiles, min, max and
 * mean are {@code null} for counters and for buckets without values.
 *
 * @param ts start of the step bucket (epoch-aligned)
 * @param count values recorded (histograms, gauges) or increments (counters)
 * @param rate per second over the step: values per second, or the counter delta per second
 * @param p50 median from the merged sketch
 * @param p95 95th percentile from the merged sketch
 * @param p99 99th percentile from the merged sketch
 * @param min smallest value
 * @param max largest value
 * @param sum sum of values; for counters the delta over the step
 * @param mean {@code sum / count} for histograms and gauges
 */
public record TrendPoint(
    Instant ts,
    long count,
    double rate,
    Double p50,
    Double p95,
    Double p99,
    Double min,
    Double max,
    double sum,
    Double mean) {}
