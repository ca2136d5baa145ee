package dev.telemetry.store;

/** Outcome of a business event, for success rates. */
public enum Outcome {
  SUCCESS,
  FAILURE,
  NONE
}
