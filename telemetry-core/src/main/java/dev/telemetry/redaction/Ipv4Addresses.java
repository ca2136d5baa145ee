package dev.telemetry.redaction;

/**
 * IPv4 addresses in dotted-quad form ({@code 10.0.0.7}), read in code rather than by the
 * pattern it replaces (docs/decisions/0052):
 * <pre>
 * (?&lt;![A-Za-z0-9.])(?&lt;!(?:^|[\s(;,])[A-Za-z]{2,20}/)OCTET(?:\.OCTET){3}(?![A-Za-z0-9]|\.[0-9])
 * OCTET = 25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]
 * </pre>
 * The pattern's variable-length lookbehind was tried at every candidate and cost more than the
 * rest of the match. Same matches: an octet is followed by a dot or, for the last one, by no
 * digit, so every octet is a whole run of digits, and the alternation only decides whether that
 * run is a value from 0 to 255 without a leading zero.
 *
 * <p>A product token's version ({@code Chrome/131.0.0.0} in a user agent) is not an address; a
 * path segment ({@code /login/10.0.0.7}) is.
 */
final class Ipv4Addresses extends CodedShape {

  /** The longest product name before a version's slash ({@code [A-Za-z]{2,20}/}). */
  private static final int MAX_PRODUCT = 20;

  Ipv4Addresses() {
    super("ipv4");
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.IPV4, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.IPV4;
  }

  @Override
  int nextCandidate(String text, int from) {
    return MatchStarts.ipv4(text, from);
  }

  /** The end of the address starting at {@code start}, or -1 when none starts there. */
  @Override
  int matchEnd(String text, int start) {
    if (start > 0 && (MatchStarts.isAlphanumeric(text.charAt(start - 1)) || text.charAt(start - 1) == '.')
        || followsProductName(text, start)) {
      return -1;
    }
    int length = text.length();
    int i = start;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (i >= length || text.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int digitsEnd = i;
      while (digitsEnd < length && MatchStarts.isDigit(text.charAt(digitsEnd))) {
        digitsEnd++;
      }
      if (!isOctet(text, i, digitsEnd)) {
        return -1;
      }
      i = digitsEnd;
    }
    boolean followed = i < length && (MatchStarts.isAlphanumeric(text.charAt(i))
        || text.charAt(i) == '.' && i + 1 < length && MatchStarts.isDigit(text.charAt(i + 1)));
    return followed ? -1 : i;
  }

  /**
   * {@code (?<!(?:^|[\s(;,])[A-Za-z]{2,20}/)}: a slash right before, and before it a run of 2 to
   * 20 letters that starts the text or follows whitespace, {@code (}, {@code ;} or {@code ,}.
   * Shorter spans of the run cannot match: a letter stands before them.
   */
  private static boolean followsProductName(String text, int start) {
    if (start < 3 || text.charAt(start - 1) != '/') {
      return false;
    }
    int letters = start - 1;
    while (letters > 0 && start - 1 - letters <= MAX_PRODUCT && MatchStarts.isAsciiLetter(text.charAt(letters - 1))) {
      letters--;
    }
    int run = start - 1 - letters;
    if (run < 2 || run > MAX_PRODUCT) {
      return false;
    }
    return letters == 0 || isBoundary(text.charAt(letters - 1));
  }

  /** {@code [\s(;,]}, with {@code \s} as Java reads it without flags: ASCII whitespace. */
  private static boolean isBoundary(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '('
        || c == ';' || c == ',';
  }

  /** {@code 25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]} over the whole run {@code [start, end)}. */
  private static boolean isOctet(String text, int start, int end) {
    return switch (end - start) {
      case 1 -> true;
      case 2 -> text.charAt(start) != '0';
      case 3 -> {
        int value = (text.charAt(start) - '0') * 100 + (text.charAt(start + 1) - '0') * 10
            + text.charAt(start + 2) - '0';
        yield text.charAt(start) != '0' && value <= 255;
      }
      default -> false;
    };
  }
}
