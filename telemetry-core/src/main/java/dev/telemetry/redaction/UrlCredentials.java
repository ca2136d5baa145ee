package dev.telemetry.redaction;

/**
 * The {@code user:password} part of a URL ({@code postgres://admin:s3cr3t@db/app} becomes
 * {@code postgres://[REDACTED:url_credentials]@db/app}), read in code rather than by the pattern
 * it replaces (docs/decisions/0052):
 * <pre>
 * (?&lt;![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}+://
 * ((?!\[(?:REDACTED:|TRUNCATED\]))[^\s/?#@:\[\]]*+:[^\s/?#]{1,512})@
 * </pre>
 * The password runs to the last {@code @} before the path, since passwords may contain
 * {@code @}: the greedy {@code {1,512}} gives back characters until an {@code @} follows, so the
 * match ends at the last {@code @} within 512 characters of the run.
 */
final class UrlCredentials extends CodedShape {

  private static final int MAX_SCHEME_TAIL = 31;
  private static final int MAX_PASSWORD = 512;

  UrlCredentials() {
    super("url_credentials");
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.URL_CREDENTIALS, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.URL_CREDENTIALS;
  }

  @Override
  int nextCandidate(String text, int from) {
    return MatchStarts.urlScheme(text, from);
  }

  /** The match runs to the {@code @} after the password; the secret is {@code user:password}. */
  @Override
  int matchEnd(String text, int start) {
    int credentials = credentialsStart(text, start);
    int at = credentials < 0 ? -1 : lastAt(text, credentials);
    return at < 0 ? -1 : at + 1;
  }

  @Override
  int secretStart(String text, int start) {
    return credentialsStart(text, start);
  }

  @Override
  int secretEnd(int end) {
    return end - 1;
  }

  /** Where {@code user:password} starts after the scheme at {@code start}, or -1. */
  private static int credentialsStart(String text, int start) {
    if (start > 0 && MatchStarts.isSchemeCharacter(text.charAt(start - 1)) || !MatchStarts.isAsciiLetter(text.charAt(start))) {
      return -1;
    }
    int tail = start + 1;
    while (tail < text.length() && tail - start - 1 < MAX_SCHEME_TAIL && MatchStarts.isSchemeCharacter(text.charAt(tail))) {
      tail++;
    }
    if (!text.startsWith("://", tail)) {
      return -1;
    }
    int credentials = tail + 3;
    return text.startsWith(ScrubRule.MARKER_PREFIX, credentials)
        || text.startsWith(TextScrubber.TRUNCATION_MARKER, credentials) ? -1 : credentials;
  }

  /**
   * The {@code @} ending the credentials that start at {@code credentials}: after a user name
   * and a colon, the last {@code @} within {@link #MAX_PASSWORD} characters of the password's
   * run, with at least one character before it; -1 when there is none.
   */
  private static int lastAt(String text, int credentials) {
    int length = text.length();
    int colon = credentials;
    while (colon < length && !isUserTerminator(text.charAt(colon))) {
      colon++;
    }
    if (colon >= length || text.charAt(colon) != ':') {
      return -1;
    }
    int password = colon + 1;
    int runEnd = password;
    while (runEnd < length && runEnd - password <= MAX_PASSWORD && !isPasswordTerminator(text.charAt(runEnd))) {
      runEnd++;
    }
    int last = password + Math.min(MAX_PASSWORD, runEnd - password - 1);
    int at = last > password ? text.lastIndexOf('@', last) : -1;
    return at > password ? at : -1;
  }

  /** {@code [\s/?#@:\[\]]}: what ends the user name. */
  private static boolean isUserTerminator(char c) {
    return isPasswordTerminator(c) || c == '@' || c == ':' || c == '[' || c == ']';
  }

  /** {@code [\s/?#]}, with {@code \s} as Java reads it without flags: ASCII whitespace. */
  private static boolean isPasswordTerminator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '/'
        || c == '?' || c == '#';
  }
}
