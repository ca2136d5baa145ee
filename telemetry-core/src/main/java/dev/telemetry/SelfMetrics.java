package dev.telemetry;

/**
 * What the library itself has refused, dropped and done: read it to know whether the telemetry
 * is complete. Every counter is cumulative since start.
 *
 * @param rejectedValues NaN, infinite or negative values refused by instruments
 * @param droppedLabels label keys outside an allowlist (or with null values) dropped
 * @param overflowedRecords records folded into an overflow series (cardinality budget spent)
 * @param scrubbedLabelValues label values that held something the scrubber redacted
 * @param contendedDrops always 0: records are no longer dropped under contention (ADR 0017); kept so
 *     existing readers of this record compile
 * @param callbackErrors gauge callbacks that threw or returned an invalid value
 * @param internalErrors unexpected errors contained on the record path (expected 0)
 * @param ignoredLogs log events below WARN, not kept
 * @param droppedDiscrete logs, spans, events or heartbeats dropped (buffer full, or an event with
 *     a subject but no pseudonym salt)
 * @param droppedBatches batches dropped (memory budget exceeded, permanent store error, close timeout)
 * @param droppedRows rows in those batches
 * @param droppedSamples metric samples among those rows
 * @param writtenBatches batches the store accepted
 * @param writtenRows rows in those batches
 * @param writeFailures failed store write attempts (each retry counts)
 * @param flushes metric snapshots taken
 * @param lastFlushNanos duration of the last snapshot (draining every series and batching)
 * @param maxFlushNanos longest snapshot so far
 * @param lastWriteNanos duration of the last store write attempt
 * @param flusherErrors unexpected errors contained in the flusher thread
 * @param queueDepth batches waiting for the store, including the one being written
 * @param pendingBytes estimated memory held by those batches
 */
public record SelfMetrics(
    long rejectedValues,
    long droppedLabels,
    long overflowedRecords,
    long scrubbedLabelValues,
    long contendedDrops,
    long callbackErrors,
    long internalErrors,
    long ignoredLogs,
    long droppedDiscrete,
    long droppedBatches,
    long droppedRows,
    long droppedSamples,
    long writtenBatches,
    long writtenRows,
    long writeFailures,
    long flushes,
    long lastFlushNanos,
    long maxFlushNanos,
    long lastWriteNanos,
    long flusherErrors,
    int queueDepth,
    long pendingBytes) {}
