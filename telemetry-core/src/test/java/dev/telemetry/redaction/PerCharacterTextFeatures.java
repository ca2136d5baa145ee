package dev.telemetry.redaction;

// Copy of TextFeatures as it was before the digit-run loop (ADR 0055), kept as the oracle for
// TextFeaturesProperties; do not optimise.

/**
 * What one linear pass over a text found, so the scrubber runs only the patterns that could
 * possibly match. Most log lines ("GET /api/v1/users 200 in 12ms") trip no trigger at all and
 * leave the scrubber without running a single regular expression.
 */
final class PerCharacterTextFeatures {

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
  /**
   * The letters (case folded, bit 0 for a) that start a word: a letter after a character that is
   * not an ASCII letter or digit, or at the start. Literal triggers ({@code Bearer},
   * {@code -----BEGIN}, {@code -p}) check their letter here before searching the text.
   */
  final int wordStartLetters;
  /** A word starts with a credential word's head ({@link MatchStarts#isCredentialHead}). */
  final boolean hasCredentialHead;
  /**
   * A token starts with a vendor prefix and its run reaches
   * {@link VendorTokens#SHORTEST_KEY} characters: {@link VendorTokens} can find nothing else.
   */
  final boolean hasVendorKeyStart;

  /** Character classes of ASCII, one bit each, so the pass costs a table load per character. */
  private static final int WORD = 1;
  private static final int HEX = 2;
  private static final int BASE64 = 4;
  private static final int DIGIT = 8;
  /** Space and dash: they may stand inside a grouped card number. */
  private static final int GROUP_SEPARATOR = 16;
  /** Space, dash, dot and parentheses: they may stand inside a phone number. */
  private static final int PHONE_SEPARATOR = 32;
  /** A character the switch below looks at. */
  private static final int SPECIAL = 64;
  /** A character a vendor key's run may hold ({@link VendorTokens#runEnd}). */
  private static final int KEY_RUN = 128;
  private static final byte[] CLASSES = new byte[128];
  /** The first letters of the credential heads (p, s, t, a), as {@link #wordStartLetters} bits. */
  private static final int CREDENTIAL_HEAD_LETTERS =
      1 << ('p' - 'a') | 1 << ('s' - 'a') | 1 << ('t' - 'a') | 1 << ('a' - 'a');

  static {
    for (char c = 0; c < 128; c++) {
      boolean digit = c >= '0' && c <= '9';
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean word = digit || letter || c == '_' || c == '-';
      int classes = (word ? WORD : 0)
          | (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ? HEX : 0)
          | (word || c == '+' || c == '/' ? BASE64 : 0)
          | (digit ? DIGIT : 0)
          | (c == ' ' || c == '-' ? GROUP_SEPARATOR : 0)
          | (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ? PHONE_SEPARATOR : 0)
          | ("@=:/<+.".indexOf(c) >= 0 ? SPECIAL : 0)
          | (word || "=./~+$".indexOf(c) >= 0 ? KEY_RUN : 0);
      CLASSES[c] = (byte) classes;
    }
  }

  private PerCharacterTextFeatures(String text) {
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
    int phoneDigits = 0;
    int maxWord = 0;
    int maxHex = 0;
    int maxBase64 = 0;
    int maxDigits = 0;
    int maxPhoneDigits = 0;
    int startLetters = 0;
    boolean credentialHead = false;
    boolean vendorKeyStart = false;
    // The first token start with a vendor head in the current key run, or -1: every start in a
    // run shares the run's end, so the first one has the longest reach.
    int vendorHead = -1;
    char previous = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (isAsciiLetter(c) && !isAlphanumeric(previous)) {
        int letter = 1 << ((c | 0x20) - 'a');
        startLetters |= letter;
        credentialHead = credentialHead
            || (letter & CREDENTIAL_HEAD_LETTERS) != 0 && MatchStarts.isCredentialHead(text, i);
      }
      if (isAsciiLetter(c)) {
        // Every vendor prefix starts with a letter, so only a letter can start a key.
        if (vendorHead < 0 && !VendorTokens.isTokenCharacter(previous)
            && VendorTokens.startsPrefix(text, i)) {
          vendorHead = i;
        }
        // Most of a line: letters. They extend the word and base64 runs and end the digit
        // runs; only the hex run needs each one (a–f, A–F extend it, the rest end it), so a run
        // of letters is taken in one inner loop. No letter inside the run starts a word.
        int runEnd = i;
        int hexRun = hex;
        char last;
        do {
          last = text.charAt(runEnd);
          hexRun = (last | 0x20) <= 'f' ? hexRun + 1 : 0;
          maxHex = Math.max(maxHex, hexRun);
          runEnd++;
        } while (runEnd < length && isAsciiLetter(text.charAt(runEnd)));
        int letters = runEnd - i;
        hex = hexRun;
        word += letters;
        base64 += letters;
        maxWord = Math.max(maxWord, word);
        maxBase64 = Math.max(maxBase64, base64);
        maxDigits = Math.max(maxDigits, digits);
        digits = 0;
        maxPhoneDigits = Math.max(maxPhoneDigits, phoneDigits);
        phoneDigits = 0;
        previous = last;
        i = runEnd - 1;
        continue;
      }
      int classes = c < 128 ? CLASSES[c] & 0xff : 0;
      if ((classes & KEY_RUN) == 0 && vendorHead >= 0) {
        vendorKeyStart |= i - vendorHead >= VendorTokens.SHORTEST_KEY;
        vendorHead = -1;
      }
      // Conditional moves rather than branches: word boundaries come every few characters.
      word = (classes & WORD) != 0 ? word + 1 : 0;
      hex = (classes & HEX) != 0 ? hex + 1 : 0;
      base64 = (classes & BASE64) != 0 ? base64 + 1 : 0;
      maxWord = Math.max(maxWord, word);
      maxHex = Math.max(maxHex, hex);
      maxBase64 = Math.max(maxBase64, base64);
      if ((classes & DIGIT) != 0) {
        digits++;
        phoneDigits++;
        ibanStart |= i >= 3 && previous >= '0' && previous <= '9' && isCapitalAt(text, i - 2)
            && isCapitalAt(text, i - 3);
      } else {
        if ((classes & GROUP_SEPARATOR) == 0) {
          maxDigits = Math.max(maxDigits, digits);
          digits = 0;
        }
        if ((classes & PHONE_SEPARATOR) == 0) {
          maxPhoneDigits = Math.max(maxPhoneDigits, phoneDigits);
          phoneDigits = 0;
        }
        if ((classes & SPECIAL) != 0) {
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
        }
      }
      previous = c;
    }
    this.wordStartLetters = startLetters;
    this.hasCredentialHead = credentialHead;
    this.hasVendorKeyStart = vendorKeyStart || vendorHead >= 0 && length - vendorHead >= VendorTokens.SHORTEST_KEY;
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
    this.mostGroupedDigits = Math.max(maxDigits, digits);
    this.mostPhoneDigits = Math.max(maxPhoneDigits, phoneDigits);
  }

  /** {@code [A-Za-z]}: setting bit 5 folds the capitals onto the lowercase letters. */
  private static boolean isAsciiLetter(char c) {
    return (char) ((c | 0x20) - 'a') < 26;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Whether a word starts with {@code letter} (either case). */
  boolean startsWord(char letter) {
    return (wordStartLetters & (1 << (letter - 'a'))) != 0;
  }

  private static boolean isCapitalAt(String text, int i) {
    return text.charAt(i) >= 'A' && text.charAt(i) <= 'Z';
  }

  static PerCharacterTextFeatures of(String text) {
    return new PerCharacterTextFeatures(text);
  }

  boolean contains(String literal) {
    return text.contains(literal);
  }
}
