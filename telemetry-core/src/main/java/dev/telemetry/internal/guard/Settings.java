package dev.telemetry.internal.guard;

import java.time.Duration;

/**
 * Not API. The one range check for duration settings, so every builder reports a bad setting with
 * the same words: the setting, the allowed range and the value.
 */
public final class Settings {
  private Settings() {}

  /** {@code value} when {@code min <= value <= max}; otherwise an exception naming {@code setting}. */
  public static Duration within(String setting, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }
}
