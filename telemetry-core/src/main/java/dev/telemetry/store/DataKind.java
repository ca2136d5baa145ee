package dev.telemetry.store;

/** The tables retention deletes from, each with its own cutoff. */
public enum DataKind {
  MINUTE_SAMPLES,
  HOUR_SAMPLES,
  DAY_SAMPLES,
  LOGS,
  TRACES,
  EVENTS,
  HEARTBEATS,
  /** The record of applied batch ids that makes retried writes idempotent. */
  APPLIED_BATCHES,
  /** Marks of rollup buckets whose finer samples changed since they were merged ({@link DirtyBucket}). */
  DIRTY_BUCKETS,
  /** Daily event rollups ({@link EventDayRollup}), kept for the day retention, past the events'. */
  EVENT_DAYS
}
