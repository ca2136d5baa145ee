package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a field name into lowercase words, so that {@code X-Api-Key}, {@code x_api_key},
 * {@code apiKey} and {@code API_KEY} all read as {@code [x?, api, key]}.
 *
 * <p>Words break on every character that is not a letter or digit, and on camelCase
 * boundaries: before an uppercase letter that follows a lowercase letter or a digit
 * ({@code userId}, {@code v2Token}), and before the last capital of an acronym followed by a
 * lowercase letter ({@code IPAddress} → {@code ip, address}). Digits stay inside their word,
 * so {@code ipv4} and {@code sha256} are single words.
 */
final class FieldNameWords {

  private FieldNameWords() {}

  static List<String> split(String name) {
    List<String> words = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        addWord(words, name, start, i);
        start = -1;
      } else if (start < 0) {
        start = i;
      } else if (startsCamelCaseWord(name, i)) {
        addWord(words, name, start, i);
        start = i;
      }
    }
    addWord(words, name, start, name.length());
    return words;
  }

  private static boolean startsCamelCaseWord(String name, int i) {
    char c = name.charAt(i);
    if (!Character.isUpperCase(c)) {
      return false;
    }
    char previous = name.charAt(i - 1);
    if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
      return true;
    }
    boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    return Character.isUpperCase(previous) && nextIsLower;
  }

  private static void addWord(List<String> words, String name, int start, int end) {
    if (start >= 0 && end > start) {
      words.add(name.substring(start, end).toLowerCase(Locale.ROOT));
    }
  }
}
