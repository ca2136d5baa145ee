package dev.telemetry;

import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Not API. Validated settings the pipeline runs with (built by {@code Telemetry.Builder}).
 *
 * @param node node name written on every row
 * @param clock time source for buckets and timestamps
 * @param store where batches go
 * @param flushInterval how often metrics are snapshotted
 * @param drainInterval how often discrete records (logs, spans …) are drained
 * @param maxPendingBytes memory budget of batches waiting for the store
 * @param retryBackoffMin first retry delay
 * @param retryBackoffMax longest retry delay
 * @param maxBatchRows most rows in one batch handed to the store
 * @param bufferCapacity capacity of each discrete-record buffer
 * @param background whether the flusher and writer threads run (tests may drive flushes by hand)
 */
record PipelineConfig(
    String node,
    Clock clock,
    TelemetryStore store,
    Duration flushInterval,
    Duration drainInterval,
    long maxPendingBytes,
    Duration retryBackoffMin,
    Duration retryBackoffMax,
    int maxBatchRows,
    int bufferCapacity,
    boolean background) {}
