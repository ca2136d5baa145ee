package dev.telemetry.redaction;

/**
 * Builds a scrubbed copy of a text from the spans a code-based step marks, in increasing order.
 * Nothing is allocated until the first span, so a step that finds nothing costs no garbage.
 */
final class Replacements {

  private final String text;
  private StringBuilder out;
  private int copied;

  Replacements(String text) {
    this.text = text;
  }

  /** Replaces {@code text[start, end)} by {@code [REDACTED:kind]}; spans must not go back. */
  void mark(int start, int end, String marker) {
    if (start < copied || start >= end || overlapsMarker(text, start, end)) {
      return;
    }
    if (out == null) {
      out = new StringBuilder(text.length() + 32);
    }
    out.append(text, copied, start).append(marker);
    copied = end;
  }

  /** Where the last replaced span ended, so a scan can skip past it. */
  int copiedUpTo() {
    return copied;
  }

  String result() {
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Markers must survive a second scrub untouched, or scrubbing would not be idempotent: a span
   * that reaches into an existing marker is not replaced.
   */
  static boolean overlapsMarker(String text, int start, int end) {
    int open = text.lastIndexOf(ScrubRule.MARKER_PREFIX, end - 1);
    if (open < 0) {
      return false;
    }
    int close = text.indexOf(']', open);
    return close < 0 || close >= start;
  }

  static String marker(String kind) {
    return ScrubRule.MARKER_PREFIX + kind + "]";
  }
}
