package dev.telemetry.redaction;

/**
 * JSON Web Tokens ({@code eyJ…}{@code .}{@code …}{@code .}{@code …}), read in code rather than by
 * the pattern it replaces (docs/decisions/0052):
 * <pre>
 * (?&lt;![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}+\.[A-Za-z0-9_-]{2,}+\.[A-Za-z0-9_-]*+
 * </pre>
 * Every quantifier is possessive, so each part is a whole run of token characters and the
 * match is found by measuring three runs; the pattern's character class cost several calls per
 * character of a token that is often a hundred characters long.
 */
final class JsonWebTokens implements ScrubStep {

  static final String MARKER = Replacements.marker("jwt");
  private static final String HEADER_START = "eyJ";

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return features.longestWordRun >= 13 && features.startsWord('e') && features.contains(HEADER_START);
  }

  /** As {@link ScrubRule}'s candidate loop: after a match the search goes on at its end. */
  @Override
  public String apply(String text) {
    Replacements replacements = null;
    int length = text.length();
    int from = text.indexOf(HEADER_START);
    while (from >= 0) {
      int end = tokenEnd(text, from);
      int next = from + 1;
      if (end >= 0) {
        replacements = Replacements.mark(replacements, text, from, end, MARKER);
        next = Math.max(end, from + 1);
      }
      from = next > length ? -1 : text.indexOf(HEADER_START, next);
    }
    return Replacements.result(replacements, text);
  }

  /** The end of the token starting with {@code eyJ} at {@code start}, or -1. */
  private static int tokenEnd(String text, int start) {
    if (start > 0 && VendorTokens.isTokenCharacter(text.charAt(start - 1))) {
      return -1;
    }
    int headerEnd = runEnd(text, start + HEADER_START.length());
    if (headerEnd - start - HEADER_START.length() < 10 || !isDotAt(text, headerEnd)) {
      return -1;
    }
    int payloadEnd = runEnd(text, headerEnd + 1);
    if (payloadEnd - headerEnd - 1 < 2 || !isDotAt(text, payloadEnd)) {
      return -1;
    }
    return runEnd(text, payloadEnd + 1);
  }

  private static boolean isDotAt(String text, int i) {
    return i < text.length() && text.charAt(i) == '.';
  }

  /** The end of the run of {@code [A-Za-z0-9_-]} from {@code from}. */
  private static int runEnd(String text, int from) {
    int end = from;
    while (end < text.length() && VendorTokens.isTokenCharacter(text.charAt(end))) {
      end++;
    }
    return end;
  }
}
