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
final class JsonWebTokens extends CodedShape {

  private static final String HEADER_START = "eyJ";

  JsonWebTokens() {
    super("jwt");
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.JWT, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.JWT;
  }

  @Override
  int nextCandidate(String text, int from) {
    return text.indexOf(HEADER_START, from);
  }

  /** The end of the token starting with {@code eyJ} at {@code start}, or -1. */
  @Override
  int matchEnd(String text, int start) {
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
