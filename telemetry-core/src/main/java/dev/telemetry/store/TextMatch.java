package dev.telemetry.store;

/** Case-insensitive substring search without allocating lowercase copies. */
final class TextMatch {
  private TextMatch() {}

  static boolean containsIgnoreCase(String text, String needle) {
    if (needle.isEmpty()) {
      return true;
    }
    int last = text.length() - needle.length();
    for (int i = 0; i <= last; i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }
}
