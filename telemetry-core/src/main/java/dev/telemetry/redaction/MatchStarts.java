package dev.telemetry.redaction;

/**
 * Candidate scans for the built-in patterns ({@link ScrubRule.CandidateStarts}): where a match
 * of each pattern could begin, found by comparing a few characters, so that the pattern runs
 * at a handful of positions rather than at every one.
 *
 * <p>Each scan reads the pattern's own first characters and its leading lookbehind, and must
 * return <em>every</em> position where the pattern can match: it may return more (the pattern
 * then rejects them), never fewer. A scan that missed a start would let a secret through, so
 * each one is written as a weaker copy of its pattern's head, and
 * {@code FastPathEquivalenceProperties} checks the whole gate against the pattern-everywhere
 * scrubber kept in the test sources.
 */
final class MatchStarts {

  private MatchStarts() {}

  /** {@code -----BEGIN }. */
  static int pemBlock(String text, int from) {
    return text.indexOf("-----BEGIN ", from);
  }

  /** {@code -p} of {@code mysql -pS3cret}. */
  static int mysqlPassword(String text, int from) {
    return text.indexOf("-p", from);
  }

  /**
   * {@code (?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}+://}: the lookbehind puts the start
   * at the first character of the scheme run before {@code ://}, at most 32 characters back.
   */
  static int urlScheme(String text, int from) {
    int separator = text.indexOf("://", from);
    while (separator >= 0) {
      int start = separator;
      while (start > 0 && separator - start <= 32 && isSchemeCharacter(text.charAt(start - 1))) {
        start--;
      }
      int schemeLength = separator - start;
      if (start >= from && schemeLength >= 1 && schemeLength <= 32
          && (start == 0 || !isSchemeCharacter(text.charAt(start - 1))) && isAsciiLetter(text.charAt(start))) {
        return start;
      }
      separator = text.indexOf("://", separator + 1);
    }
    return -1;
  }

  /** {@code (?<![0-9])[0-9]{8,10}:}: a run of 8 to 10 digits ending at a colon. */
  static int telegramBotToken(String text, int from) {
    int colon = text.indexOf(':', from);
    while (colon >= 0) {
      int start = colon;
      while (start > 0 && colon - start <= 10 && isDigit(text.charAt(start - 1))) {
        start--;
      }
      int digits = colon - start;
      if (start >= from && digits >= 8 && digits <= 10
          && (start == 0 || !isDigit(text.charAt(start - 1)))) {
        return start;
      }
      colon = text.indexOf(':', colon + 1);
    }
    return -1;
  }

  /**
   * {@code (?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}+\.}: M, N or O at a token start, with a
   * dot 24 to 28 characters on.
   */
  static int discordBotToken(String text, int from) {
    int last = text.length() - 25;
    for (int i = from; i < last; i++) {
      char c = text.charAt(i);
      if ((c == 'M' || c == 'N' || c == 'O') && (i == 0 || !isTokenCharacter(text.charAt(i - 1)))
          && hasCharBetween(text, '.', i + 24, i + 28)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code (?<![A-Za-z0-9])(?:[Bb]earer|BEARER)}: one before {@code earer} or {@code EARER}. */
  static int bearer(String text, int from) {
    return oneBeforeEither(text, from, "earer", "EARER");
  }

  /** {@code (?<![A-Za-z0-9])(?:Basic|basic|BASIC)}: one before {@code asic} or {@code ASIC}. */
  static int basic(String text, int from) {
    return oneBeforeEither(text, from, "asic", "ASIC");
  }

  /** {@code (?:-u|--user)}: at {@code -u}, or one before it when a dash precedes. */
  static int curlUser(String text, int from) {
    int dashU = text.indexOf("-u", from);
    if (dashU < 0) {
      return -1;
    }
    return dashU - 1 >= from && text.charAt(dashU - 1) == '-' ? dashU - 1 : dashU;
  }

  /**
   * {@code (?i)(?<![A-Za-z0-9_])(?:password|passwd|passphrase|pwd|secret|token|api[ _-]?key)}:
   * a word start with a credential word's head.
   */
  static int credentialWord(String text, int from) {
    int last = text.length() - 3;
    for (int i = from; i < last; i++) {
      char c = (char) (text.charAt(i) | 0x20);
      if ((c == 'p' || c == 's' || c == 't' || c == 'a') && isCredentialHead(text, i)
          && (i == 0 || !isWordCharacter(text.charAt(i - 1))) && isBlankAfterCredentialWord(text, i)) {
        return i;
      }
    }
    return -1;
  }

  private static final String[] CREDENTIAL_WORDS = {
      "password", "passwd", "passphrase", "pwd", "secret", "token", "api key", "api_key", "api-key",
      "apikey"};

  /**
   * Whether a word of the credential-phrase alternation, in any case, stands at {@code i} and is
   * followed by {@code [ \t]}, which the pattern needs next: {@code password=…} (a pair, whose
   * value {@link CredentialPairs} already took) starts no phrase.
   */
  private static boolean isBlankAfterCredentialWord(String text, int i) {
    for (String word : CREDENTIAL_WORDS) {
      int end = i + word.length();
      if (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')
          && text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first three letters of a credential word at {@code i}, in any case: {@code pas}
   * (password, passwd, passphrase), {@code pwd}, {@code sec}, {@code tok}, or {@code api}
   * followed by a space, underscore, dash or {@code k}.
   */
  static boolean isCredentialHead(String text, int i) {
    if (i + 3 >= text.length()) {
      return false; // a match needs the word, a blank and a value of four or more characters
    }
    char second = (char) (text.charAt(i + 1) | 0x20);
    char third = (char) (text.charAt(i + 2) | 0x20);
    return switch (text.charAt(i) | 0x20) {
      case 'p' -> second == 'a' && third == 's' || second == 'w' && third == 'd';
      case 's' -> second == 'e' && third == 'c';
      case 't' -> second == 'o' && third == 'k';
      case 'a' -> second == 'p' && third == 'i' && isApiKeyJoint(text.charAt(i + 3));
      default -> false;
    };
  }

  private static boolean isApiKeyJoint(char c) {
    return c == ' ' || c == '_' || c == '-' || c == 'k' || c == 'K';
  }

  /**
   * {@code [\p{L}\p{M}\p{N}._%+'-]{1,64}+@…}: the possessive local part reaches an {@code @} only
   * from the start of its run, or from 64 code points before the {@code @} when the run is
   * longer; later starts in the run see the same domain, so only that one is tried.
   */
  static int email(String text, int from) {
    int at = text.indexOf('@', from);
    while (at >= 0) {
      int start = at;
      int codePoints = 0;
      while (start > from && codePoints < 64) {
        char c = text.charAt(start - 1);
        int width = 1;
        int codePoint = c;
        if (Character.isLowSurrogate(c) && start - 2 >= from
            && Character.isHighSurrogate(text.charAt(start - 2))) {
          codePoint = Character.toCodePoint(text.charAt(start - 2), c);
          width = 2;
        }
        if (!isEmailLocalCharacter(codePoint)) {
          break;
        }
        start -= width;
        codePoints++;
      }
      if (start < at) {
        return start;
      }
      at = text.indexOf('@', at + 1);
    }
    return -1;
  }

  /**
   * {@code (?<![0-9A-Fa-f:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}}: the
   * whole shape is checked, so times such as {@code T10:15:30} are no candidates.
   */
  static int macAddress(String text, int from) {
    int last = text.length() - 17;
    for (int i = from; i <= last; i++) {
      char separator = text.charAt(i + 2);
      if ((separator == ':' || separator == '-') && isMacShape(text, i, separator)
          && (i == 0 || !isMacNeighbour(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isMacShape(String text, int start, char separator) {
    for (int group = 0; group < 6; group++) {
      int at = start + 3 * group;
      if (!isHex(text.charAt(at)) || !isHex(text.charAt(at + 1))
          || group < 5 && text.charAt(at + 2) != separator) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code (?<![A-Za-z0-9.])} four groups of one to three digits joined by dots: the octets'
   * shape without their ranges, which the pattern checks.
   */
  static int ipv4(String text, int from) {
    int last = text.length() - 7;
    for (int i = from; i <= last; i++) {
      if (isDigit(text.charAt(i)) && (i == 0 || !isAlphanumeric(text.charAt(i - 1)) && text.charAt(i - 1) != '.')
          && isDottedQuad(text, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDottedQuad(String text, int start) {
    int i = start;
    for (int group = 0; group < 4; group++) {
      int digits = 0;
      while (i < text.length() && digits < 3 && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
      if (digits == 0) {
        return false;
      }
      if (group < 3) {
        if (i >= text.length() || text.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /**
   * {@code (?<![A-Za-z0-9])[2-6][0-9]{3}}: every card layout starts with four digits, the first
   * 2–6 ({@code [2-6][0-9]{12,18}}, {@code [2-6][0-9]{3}([ -])…}, {@code 3[0-9]{3}([ -])…}).
   */
  static int card(String text, int from) {
    int last = text.length() - 3;
    for (int i = from; i < last; i++) {
      char c = text.charAt(i);
      if (c >= '2' && c <= '6' && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
          && isDigit(text.charAt(i + 3)) && (i == 0 || !isAlphanumeric(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code (?<![A-Za-z0-9_.-])[0-9]{3}-}. */
  static int socialSecurityNumber(String text, int from) {
    int last = text.length() - 3;
    for (int i = from; i < last; i++) {
      if (text.charAt(i + 3) == '-' && isDigit(text.charAt(i)) && isDigit(text.charAt(i + 1))
          && isDigit(text.charAt(i + 2)) && (i == 0 || !isSsnNeighbour(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code (?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}}. */
  static int iban(String text, int from) {
    int last = text.length() - 3;
    for (int i = from; i < last; i++) {
      if (isCapital(text.charAt(i)) && isCapital(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
          && isDigit(text.charAt(i + 3)) && (i == 0 || !isAlphanumeric(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code (?<![A-Za-z0-9+.-])} then the head of a phone layout: {@code +} and a digit,
   * {@code (} and a digit, a {@code 0} (the national layouts {@code 0[0-9]{2,4}+ …},
   * {@code 0[1-9]([ .])…}, {@code 0[0-9]{4} …}), or three digits and a dot or dash
   * ({@code [0-9]{3}[.-][0-9]{3}[.-][0-9]{4}}). A number such as {@code 15:30} or {@code 2026-11}
   * starts none of them.
   */
  static int phoneNumber(String text, int from) {
    int length = text.length();
    for (int i = from; i < length; i++) {
      char c = text.charAt(i);
      boolean head = c == '0'
          || isDigit(c) && i + 3 < length && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
              && (text.charAt(i + 3) == '.' || text.charAt(i + 3) == '-')
          || (c == '+' || c == '(') && i + 1 < length && isDigit(text.charAt(i + 1));
      if (head && (i == 0 || !isPhoneNeighbour(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code (?<![A-Za-z0-9])(?:0x)?+[0-9A-Fa-f]}: a hex digit at the start of a word. */
  static int hexSecret(String text, int from) {
    int length = text.length();
    for (int i = from; i < length; i++) {
      if (isHex(text.charAt(i)) && (i == 0 || !isAlphanumeric(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static int oneBeforeEither(String text, int from, String lower, String upper) {
    int a = text.indexOf(lower, from + 1);
    int b = text.indexOf(upper, from + 1);
    int first = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    return first < 0 ? -1 : first - 1;
  }

  private static boolean hasCharBetween(String text, char wanted, int first, int last) {
    int end = Math.min(last, text.length() - 1);
    for (int i = first; i <= end; i++) {
      if (text.charAt(i) == wanted) {
        return true;
      }
    }
    return false;
  }

  /** {@code [\p{L}\p{M}\p{N}._%+'-]}, the email pattern's local-part class. */
  private static boolean isEmailLocalCharacter(int c) {
    if (c < 128) {
      return isAlphanumeric((char) c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '\''
          || c == '-';
    }
    switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  static boolean isSchemeCharacter(char c) {
    return isAlphanumeric(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean isMacNeighbour(char c) {
    return isHex(c) || c == ':' || c == '.' || c == '-';
  }

  private static boolean isSsnNeighbour(char c) {
    return isAlphanumeric(c) || c == '_' || c == '.' || c == '-';
  }

  private static boolean isPhoneNeighbour(char c) {
    return isAlphanumeric(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean isTokenCharacter(char c) {
    return isAlphanumeric(c) || c == '_' || c == '-';
  }

  private static boolean isWordCharacter(char c) {
    return isAlphanumeric(c) || c == '_';
  }

  static boolean isAlphanumeric(char c) {
    return isAsciiLetter(c) || isDigit(c);
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isCapital(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
