/**
 * Not API: moves what the record path collected to the store — snapshots, batching, the bounded
 * queue, retries with backoff and the memory budget. Classes here may change in any release.
 */
package dev.telemetry.internal.pipeline;
