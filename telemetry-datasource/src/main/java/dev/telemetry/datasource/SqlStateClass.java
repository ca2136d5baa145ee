package dev.telemetry.datasource;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The two-character class of a failure's SQLState ({@code 23} integrity constraint violation,
 * {@code 08} connection exception, {@code 42} syntax error or access rule violation …), the label
 * a failed statement is recorded under. Success is class {@value #SUCCESS}, as in the standard.
 */
final class SqlStateClass {
  static final String SUCCESS = "00";
  /** A failure without a well-formed SQLState (or not a {@link SQLException}). */
  static final String UNKNOWN = "unknown";

  private SqlStateClass() {}

  static String of(Throwable failure) {
    if (!(failure instanceof SQLException sql)) {
      return UNKNOWN;
    }
    String state = sql.getSQLState();
    if (state == null || state.length() < 2 || !isClassCharacter(state.charAt(0))
        || !isClassCharacter(state.charAt(1))) {
      return UNKNOWN;
    }
    return state.substring(0, 2).toUpperCase(Locale.ROOT);
  }

  private static boolean isClassCharacter(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
