package dev.telemetry.redaction;

/**
 * Builds a scrubbed copy of a text from the spans a step marks, in increasing order. Steps
 * create one only at their first span ({@link #mark(Replacements, String, int, int, String)}),
 * so a step that finds nothing costs no garbage.
 */
final class Replacements {

  private final String text;
  /** Where the first marker in the text starts, or -1: spans before it cannot overlap one. */
  private final int firstMarker;
  private StringBuilder out;
  private int copied;

  Replacements(String text) {
    this.text = text;
    this.firstMarker = text.indexOf(ScrubRule.MARKER_PREFIX);
  }

  /** Replaces {@code text[start, end)} by {@code [REDACTED:kind]}; spans must not go back. */
  void mark(int start, int end, String marker) {
    if (start < copied || start >= end
        || firstMarker >= 0 && firstMarker < end && overlapsMarker(text, start, end)) {
      return;
    }
    if (out == null) {
      out = new StringBuilder(text.length() + 32);
    }
    out.append(text, copied, start).append(marker);
    copied = end;
  }

  /** Marks a span on {@code replacements}, creating it on the first span; returns it. */
  static Replacements mark(Replacements replacements, String text, int start, int end, String marker) {
    Replacements target = replacements != null ? replacements : new Replacements(text);
    target.mark(start, end, marker);
    return target;
  }

  /** The scrubbed text, or {@code text} itself when nothing was marked. */
  static String result(Replacements replacements, String text) {
    return replacements == null ? text : replacements.result();
  }

  /** Where the last replaced span ended, 0 before any; a scan can skip past it. */
  static int copiedUpTo(Replacements replacements) {
    return replacements == null ? 0 : replacements.copied;
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
