package dev.telemetry.store;

/** Severity of a log event. Only {@link #WARN} and {@link #ERROR} are persisted. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  /** Whether events of this level are kept (WARN and ERROR). */
  public boolean isPersisted() {
    return this == WARN || this == ERROR;
  }
}
