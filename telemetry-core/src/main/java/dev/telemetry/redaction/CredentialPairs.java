package dev.telemetry.redaction;

/**
 * Redacts the value of every pair whose key names sensitive data, wherever the pair sits:
 * {@code password=…}, {@code "token": "…"}, {@code cache:sessionid=…} (a harmless word before
 * the key changes nothing), {@code PGPASSWORD=…}, {@code <password>…</password>} and YAML's
 * {@code password: correct horse battery staple}, whose value runs over spaces to the end of the
 * line or the next key.
 *
 * <p>One pass in code rather than a pattern: every {@code =}, {@code :} and {@code <} is a
 * candidate, its key is read backwards, and {@link ForbiddenFieldNames#keyBefore} rejects ordinary
 * keys ({@code status=200}) in that same backward walk, without allocating. A pattern could not do
 * this without consuming the harmless {@code cache:} pair and skipping the secret behind it.
 */
final class CredentialPairs implements ScrubStep {

  static final String MARKER = Replacements.marker("credential");
  private static final int MAX_KEY = 64;
  private static final int MAX_VALUE = 1024;
  private static final String[] AUTH_SCHEMES = {"bearer", "basic", "digest", "token", "oauth"};

  /** {@code [REDACTED}: before a marker's colon the key read backwards is {@code REDACTED}. */
  private static final String MARKER_KEY = ScrubRule.MARKER_PREFIX.substring(0, ScrubRule.MARKER_PREFIX.length() - 1);

  private final ForbiddenFieldNames forbiddenFields;
  /** Whether the key {@code REDACTED} is forbidden under this policy (not by default). */
  private final boolean markerKeyForbidden;

  CredentialPairs(ForbiddenFieldNames forbiddenFields) {
    this.forbiddenFields = forbiddenFields;
    this.markerKeyForbidden = forbiddenFields.isForbidden(MARKER_KEY, 1, MARKER_KEY.length());
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.CREDENTIAL_PAIRS, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.CREDENTIAL_PAIRS;
  }

  @Override
  public String apply(String text) {
    Replacements replacements = null;
    // Only '=', ':' and '<' start work, and a line holds few of them: jump from one to the
    // next with String.indexOf (a vectorised intrinsic) instead of reading every character.
    int nextEquals = indexOrEnd(text, '=', 0);
    int nextColon = indexOrEnd(text, ':', 0);
    int nextAngle = indexOrEnd(text, '<', 0);
    while (true) {
      int i = Math.min(nextEquals, Math.min(nextColon, nextAngle));
      if (i == Integer.MAX_VALUE) {
        break;
      }
      char c = text.charAt(i);
      if (c == '=') {
        nextEquals = indexOrEnd(text, '=', i + 1);
      } else if (c == ':') {
        nextColon = indexOrEnd(text, ':', i + 1);
      } else {
        nextAngle = indexOrEnd(text, '<', i + 1);
      }
      if (c == ':' && !markerKeyForbidden && isMarkerColon(text, i)) {
        // The colon of a marker, "[REDACTED:kind]": its key is always REDACTED, whose verdict is
        // known (the next round of a line with secrets meets every marker again).
        continue;
      }
      if ((c == '=' || c == ':') && i >= Replacements.copiedUpTo(replacements)) {
        int keyEnd = keyEndBefore(text, i);
        // One backward walk finds where the key starts and runs the forbidden-phrase prefilter
        // (ForbiddenFieldNames#keyBefore): most keys ("status", "duration") are read once.
        int key = forbiddenFields.keyBefore(text, keyEnd, MAX_KEY);
        int keyStart = key >>> 1;
        // A value that is already a marker stays (markValue would keep it): the next round
        // of a line with secrets meets every redacted pair again, and skips the key check.
        if ((key & 1) != 0 && keyStart < keyEnd
            && !text.startsWith(ScrubRule.MARKER_PREFIX, skipBlanks(text, i + 1))
            && forbiddenFields.isForbiddenName(text, keyStart, keyEnd)) {
          replacements = markValue(text, i + 1, c == ':', replacements);
        }
      } else if (c == '<' && i >= Replacements.copiedUpTo(replacements)) {
        replacements = markElement(text, i, replacements);
      }
    }
    return Replacements.result(replacements, text);
  }

  private static boolean isMarkerColon(String text, int colon) {
    return colon >= MARKER_KEY.length() && text.startsWith(MARKER_KEY, colon - MARKER_KEY.length());
  }

  /** Where {@code c} next occurs at or after {@code from}, or {@link Integer#MAX_VALUE}. */
  private static int indexOrEnd(String text, char c, int from) {
    int index = text.indexOf(c, from);
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  /** The end of the key before a separator: spaces and one closing quote skipped. */
  private static int keyEndBefore(String text, int separator) {
    int end = separator;
    int spaces = 0;
    while (end > 0 && spaces < 3 && isBlank(text.charAt(end - 1))) {
      end--;
      spaces++;
    }
    if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
      end--;
    }
    return end;
  }

  private static Replacements markValue(String text, int from, boolean colon, Replacements replacements) {
    int start = skipBlanks(text, from);
    // YAML and headers ("password: correct horse battery", "Cookie: a=b") put a space after
    // the colon; their unquoted values run over spaces.
    boolean spacedColon = colon && start > from;
    int schemeEnd = skipAuthScheme(text, start);
    if (schemeEnd > start && isParameterScheme(text, start)) {
      // Digest and OAuth carry the credential as a list of parameters (username, nonce,
      // response, oauth_signature …): all of it, to the end of the line, is the credential.
      int end = schemeEnd;
      while (end < text.length() && end - schemeEnd < MAX_VALUE && text.charAt(end) != '\n'
          && text.charAt(end) != '\r') {
        end++;
      }
      return text.startsWith(ScrubRule.MARKER_PREFIX, schemeEnd) ? replacements
          : Replacements.mark(replacements, text, schemeEnd, end, MARKER);
    }
    start = schemeEnd;
    if (start >= text.length() || text.startsWith(ScrubRule.MARKER_PREFIX, start)) {
      return replacements;
    }
    char quote = text.charAt(start);
    if (quote == '"' || quote == '\'') {
      int end = closingQuote(text, start + 1, quote);
      replacements = Replacements.mark(replacements, text, start + 1, end, MARKER);
      return replacements;
    }
    int end = spacedColon ? endOfSpacedValue(text, start) : endOfWord(text, start);
    replacements = Replacements.mark(replacements, text, start, end, MARKER);
    return replacements;
  }

  /** {@code <password>value</password>}: the text up to the next tag. */
  private Replacements markElement(String text, int open, Replacements replacements) {
    int nameStart = open + 1;
    int nameEnd = nameStart;
    while (nameEnd < text.length() && nameEnd - nameStart < MAX_KEY
        && isKeyCharacter(text.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd >= text.length() || text.charAt(nameEnd) != '>' || nameEnd == nameStart
        || !forbiddenFields.isForbidden(text, nameStart, nameEnd)) {
      return replacements;
    }
    int start = nameEnd + 1;
    int end = start;
    while (end < text.length() && end - start < MAX_VALUE && text.charAt(end) != '<') {
      end++;
    }
    if (!text.startsWith(ScrubRule.MARKER_PREFIX, start)) {
      replacements = Replacements.mark(replacements, text, start, end, MARKER);
    }
    return replacements;
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length() && i - from < 3 && isBlank(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isParameterScheme(String text, int start) {
    return text.regionMatches(true, start, "digest", 0, 6) || text.regionMatches(true, start, "oauth", 0, 5);
  }

  /** "Authorization: Basic …" keeps the scheme word readable; the credential follows it. */
  private static int skipAuthScheme(String text, int start) {
    for (String scheme : AUTH_SCHEMES) {
      int end = start + scheme.length();
      if (text.regionMatches(true, start, scheme, 0, scheme.length()) && end < text.length()
          && isBlank(text.charAt(end))) {
        return skipBlanks(text, end);
      }
    }
    return start;
  }

  private static int closingQuote(String text, int from, char quote) {
    int i = from;
    while (i < text.length() && i - from < MAX_VALUE) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    return Math.min(i, text.length());
  }

  private static int endOfWord(String text, int start) {
    int i = start;
    while (i < text.length() && i - start < MAX_VALUE && !endsValueAt(text, i)
        && !isBlank(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Whether the unquoted value ends at {@code i}. A password may hold any delimiter but a line
   * break ({@code password=Tr0ub4dor&3}, {@code pwd=ab]c"d}): inside a word one ends the value
   * only before the next pair ({@code ?password=x&user=bob}, {@code sid=x;Path=/}); before a
   * space, another delimiter or the end of the text it ends it as always ({@code {pwd=x}},
   * {@code "pwd=x", …}). Unsure, the value runs on: redaction fails closed.
   */
  private static boolean endsValueAt(String text, int i) {
    char c = text.charAt(i);
    if (c == '\n' || c == '\r' || !endsUnquotedValue(c)) {
      return endsUnquotedValue(c);
    }
    int next = i + 1;
    if (next >= text.length() || isBlank(text.charAt(next)) || endsUnquotedValue(text.charAt(next))) {
      return true;
    }
    int keyEnd = next;
    while (keyEnd < text.length() && keyEnd - next < MAX_KEY && isKeyCharacter(text.charAt(keyEnd))) {
      keyEnd++;
    }
    return keyEnd > next && keyEnd < text.length() && text.charAt(keyEnd) == '=';
  }

  /** Over spaces, up to the end of the line, a delimiter, or the next {@code key=}/{@code key:}. */
  private static int endOfSpacedValue(String text, int start) {
    int end = endOfWord(text, start);
    while (end < text.length() && end - start < MAX_VALUE && isBlank(text.charAt(end))) {
      int next = skipBlanks(text, end);
      if (next >= text.length() || endsUnquotedValue(text.charAt(next))) {
        break;
      }
      int wordEnd = endOfWord(text, next);
      if (startsNextPair(text, next, wordEnd)) {
        break;
      }
      end = wordEnd;
    }
    return end;
  }

  /** Whether the word at {@code [start, end)} is a key of the next pair, or a marker. */
  private static boolean startsNextPair(String text, int start, int end) {
    if (text.startsWith(ScrubRule.MARKER_PREFIX, start)) {
      return true;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '=' || (c == ':' && i > start)) {
        return true;
      }
      if (!isKeyCharacter(c) && c != '"' && c != '\'') {
        return false;
      }
    }
    return end < text.length() && text.charAt(end) == ':'
        || skipBlanks(text, end) < text.length() && text.charAt(skipBlanks(text, end)) == '=';
  }

  private static boolean endsUnquotedValue(char c) {
    return c == '"' || c == '\'' || c == ',' || c == ';' || c == '&' || c == '}' || c == ']'
        || c == '<' || c == '\n' || c == '\r';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isKeyCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }
}
