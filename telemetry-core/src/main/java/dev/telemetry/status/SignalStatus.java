package dev.telemetry.status;

/**
 * The colour of a numeric signal against its {@link Threshold}. {@link #UNKNOWN} means there is
 * nothing to colour: no data (NaN) or no threshold declared for the signal.
 */
public enum SignalStatus {
  GREEN,
  YELLOW,
  RED,
  UNKNOWN
}
