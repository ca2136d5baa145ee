/**
 * Mergeable quantile sketches: {@link dev.telemetry.sketch.LatencySketch}, a base-2 exponential
 * bucket histogram (OpenTelemetry scale 6) with at most 0.5415 % relative error, exact merges and a
 * compact checksummed serialized form.
 */
package dev.telemetry.sketch;
