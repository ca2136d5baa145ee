package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

/**
 * What one linear pass over a text found, so the scrubber runs only the patterns that could
 * possibly match. Most log lines ("GET /api/v1/users 200 in 12ms") trip no trigger at all and
 * leave the scrubber without running a single regular expression.
 */
final class TextFeatures {

  final String text;
  final boolean hasAt;
  final boolean hasEquals;
  final boolean hasSchemeSeparator;
  final boolean hasDoubleColon;
  final boolean hasAngleBracket;
  final boolean hasPlus;
  /** Two capitals then two digits, the start of an IBAN ("DE89", "GB82"). */
  final boolean hasIbanStart;
  final int colons;
  final int digitDots;
  /** Longest run of {@code [A-Za-z0-9_-]}: every access-key and JWT shape needs one. */
  final int longestWordRun;
  final int longestHexRun;
  /** Longest run of {@code [A-Za-z0-9+/_-]}, the base64 and base64url alphabets. */
  final int longestBase64Run;
  /** Most digits in a run made only of digits, spaces and dashes, the card-number shape. */
  final int mostGroupedDigits;
  /**
   * Most digits in one run where only phone separators ({@code space - . ( )}) stand between
   * them: every national phone layout the scrubber knows has at least 9.
   */
  final int mostPhoneDigits;

  private TextFeatures(String text) {
    this.text = text;
    boolean at = false;
    boolean equals = false;
    boolean scheme = false;
    boolean doubleColon = false;
    boolean angle = false;
    boolean plus = false;
    boolean ibanStart = false;
    int colonCount = 0;
    int digitDotCount = 0;
    int word = 0;
    int hex = 0;
    int base64 = 0;
    int digits = 0;
    int maxWord = 0;
    int maxHex = 0;
    int maxBase64 = 0;
    int maxDigits = 0;
    int phoneDigits = 0;
    int maxPhoneDigits = 0;
    char previous = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean isDigit = c >= '0' && c <= '9';
      boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean isWord = isDigit || isLetter || c == '_' || c == '-';
      boolean isHex = isDigit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      word = isWord ? word + 1 : 0;
      hex = isHex ? hex + 1 : 0;
      base64 = isWord || c == '+' || c == '/' ? base64 + 1 : 0;
      if (isDigit) {
        digits++;
        phoneDigits++;
      } else {
        if (c != ' ' && c != '-') {
          digits = 0;
        }
        if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
          phoneDigits = 0;
        }
      }
      maxPhoneDigits = Math.max(maxPhoneDigits, phoneDigits);
      ibanStart |= isDigit && i >= 3 && isDigitAt(text, i - 1) && isCapitalAt(text, i - 2)
          && isCapitalAt(text, i - 3);
      maxWord = Math.max(maxWord, word);
      maxHex = Math.max(maxHex, hex);
      maxBase64 = Math.max(maxBase64, base64);
      maxDigits = Math.max(maxDigits, digits);
      switch (c) {
        case '@' -> at = true;
        case '=' -> equals = true;
        case ':' -> {
          colonCount++;
          doubleColon |= previous == ':';
        }
        case '/' -> scheme |= previous == '/' && i >= 2 && text.charAt(i - 2) == ':';
        case '<' -> angle = true;
        case '+' -> plus = true;
        case '.' -> digitDotCount += previous >= '0' && previous <= '9' ? 1 : 0;
        default -> { }
      }
      previous = c;
    }
    this.hasAt = at;
    this.hasEquals = equals;
    this.hasSchemeSeparator = scheme;
    this.hasDoubleColon = doubleColon;
    this.hasAngleBracket = angle;
    this.hasPlus = plus;
    this.hasIbanStart = ibanStart;
    this.colons = colonCount;
    this.digitDots = digitDotCount;
    this.longestWordRun = maxWord;
    this.longestHexRun = maxHex;
    this.longestBase64Run = maxBase64;
    this.mostGroupedDigits = maxDigits;
    this.mostPhoneDigits = maxPhoneDigits;
  }

  private static boolean isDigitAt(String text, int i) {
    return text.charAt(i) >= '0' && text.charAt(i) <= '9';
  }

  private static boolean isCapitalAt(String text, int i) {
    return text.charAt(i) >= 'A' && text.charAt(i) <= 'Z';
  }

  static TextFeatures of(String text) {
    return new TextFeatures(text);
  }

  boolean contains(String literal) {
    return text.contains(literal);
  }
}
