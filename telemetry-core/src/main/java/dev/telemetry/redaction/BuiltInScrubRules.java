package dev.telemetry.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in secret shapes, in the order they run.
 *
 * <p>Order resolves overlaps, most specific shape first: URL credentials before emails (so
 * {@code user:pw@host.com} is one credential, not an email), JWTs and vendor keys before the
 * generic bearer rule (so {@code Bearer eyJ…} reads {@code Bearer [REDACTED:jwt]}), long
 * random strings before the short shapes that could fire inside them (a 13-digit run inside a
 * hex key must not be cut out as a card, leaving the rest of the key too short to recognise),
 * and the key=value rule last, as the catch-all for values no shape recognised.
 *
 * <p>Every quantifier that could meet a long input is possessive or bounded, so the work per
 * start position is bounded and no input can make a pattern backtrack catastrophically.
 */
final class BuiltInScrubRules {

  /** A value that is already a marker must not be redacted again. */
  private static final String NOT_A_MARKER = "(?!\\[(?:REDACTED:|TRUNCATED\\]))";

  static final int MIN_ACCESS_KEY_LENGTH = 15;
  static final int MIN_HEX_SECRET_LENGTH = 32;
  static final int MIN_BASE64_SECRET_LENGTH = 40;
  static final int MIN_CARD_DIGITS = 13;

  private BuiltInScrubRules() {}

  static List<ScrubRule> inOrder(ForbiddenFieldNames forbiddenFields) {
    return List.of(
        urlCredentials(), jwt(), accessKey(), bearer(), hexSecret(), base64Secret(), email(),
        ipv6(), ipv4(), card(), credential(forbiddenFields));
  }

  private static ScrubRule urlCredentials() {
    // The password runs to the last '@' before the path, since passwords may contain '@'.
    return new ScrubRule("url_credentials", f -> f.hasSchemeSeparator && f.hasAt,
        Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}+://"
            + "(" + NOT_A_MARKER + "[^\\s/?#@:\\[\\]]*+:[^\\s/?#]{1,512})@"),
        match -> 1);
  }

  private static ScrubRule jwt() {
    return new ScrubRule("jwt", f -> f.longestWordRun >= 13 && f.contains("eyJ"),
        Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{2,}+"
            + "\\.[A-Za-z0-9_-]*+"),
        ScrubRule.SecretGroup.whole());
  }

  private static ScrubRule accessKey() {
    return new ScrubRule("access_key", f -> f.longestWordRun >= MIN_ACCESS_KEY_LENGTH,
        Pattern.compile("(?<![A-Za-z0-9_-])(?:"
            + "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AROA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])"
            + "|AIza[0-9A-Za-z_-]{35}"
            + "|gh[pousr]_[A-Za-z0-9]{36,251}+"
            + "|github_pat_[A-Za-z0-9_]{22,244}+"
            + "|xox[bpars]-[A-Za-z0-9-]{10,251}+"
            + "|[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}+"
            + "|sk-[A-Za-z0-9_-]{20,251}+)"),
        ScrubRule.SecretGroup.whole());
  }

  private static ScrubRule bearer() {
    return new ScrubRule("bearer", f -> f.contains("earer") || f.contains("EARER"),
        Pattern.compile("(?<![A-Za-z0-9])(?:[Bb]earer|BEARER)[ \\t]++"
            + "([A-Za-z0-9._~+/-]{16,1024}+=*+)"),
        match -> 1);
  }

  private static ScrubRule email() {
    // Without a leading boundary: a local part longer than 64 characters still loses its tail.
    return new ScrubRule("email", f -> f.hasAt,
        Pattern.compile("[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9-]{1,63}\\.){1,8}[A-Za-z]{2,24}"),
        ScrubRule.SecretGroup.whole());
  }

  private static ScrubRule ipv6() {
    // The possessive run never gives back characters, so "10:15:30Z" fails fast; the grammar
    // check then rejects times and other colon lists that are not addresses.
    // An address has seven colons or a "::"; times such as 10:15:30 have neither.
    return new ScrubRule("ipv6", f -> f.hasDoubleColon || f.colons >= 7,
        Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:]{2,39}+(?![\\w:]|\\.[0-9])"),
        ScrubRule.SecretGroup.wholeIf(Ipv6Text::isAddress));
  }

  private static ScrubRule ipv4() {
    String octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    return new ScrubRule("ipv4", f -> f.digitDots >= 3,
        Pattern.compile("(?<![A-Za-z0-9.])" + octet + "(?:\\." + octet + "){3}"
            + "(?![A-Za-z0-9]|\\.[0-9])"),
        ScrubRule.SecretGroup.whole());
  }

  private static ScrubRule card() {
    // Issuer digits 2-6 (Mastercard, Amex, Visa, Discover, UnionPay, JCB) keep epoch-millis
    // timestamps, which start with 1, out. Separated forms follow the printed layouts
    // 4-4-4-4(-3) and Amex/Diners 4-6-5/4-6-4, so runs of small numbers never qualify.
    // Group 1 is the 4-4-4-4 part: when "4-4-4-4 nnn" fails Luhn as 19 digits, the 16-digit
    // card followed by an unrelated number is still found.
    return new ScrubRule("card", f -> f.mostGroupedDigits >= MIN_CARD_DIGITS,
        Pattern.compile("(?<![A-Za-z0-9])(?:[2-6][0-9]{12,18}"
            + "|([2-6][0-9]{3}([ -])[0-9]{4}\\2[0-9]{4}\\2[0-9]{1,4})(?:\\2[0-9]{3})?"
            + "|3[0-9]{3}([ -])[0-9]{6}\\3[0-9]{4,5})(?![A-Za-z0-9])"),
        match -> {
          if (CardNumbers.passesLuhn(match.group())) {
            return 0;
          }
          String grouped = match.group(1);
          return grouped != null && CardNumbers.passesLuhn(grouped) ? 1 : -1;
        });
  }

  private static ScrubRule credential(ForbiddenFieldNames forbiddenFields) {
    // key = value, key: value, "key": "value", 'key': 'value'; an auth scheme word after the
    // separator ("Authorization: Basic …") stays readable. The key is checked in code against
    // the forbidden field names, which also covers the names a host added.
    Pattern pattern = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,63}+)"
        + "[\"']?+[ \\t]{0,3}+[:=][ \\t]{0,3}+(?:(?i:bearer|basic|digest|token)[ \\t]++)?+"
        + "(?:\"" + NOT_A_MARKER + "((?:[^\"\\\\\\r\\n]|\\\\.){1,1024}+)"
        + "|'" + NOT_A_MARKER + "((?:[^'\\\\\\r\\n]|\\\\.){1,1024}+)"
        + "|" + NOT_A_MARKER + "([^\\s\"',;&}\\]]{1,1024}+))");
    // key=value logging puts '=' and ':' on most lines, and the pattern costs microseconds
    // per line, so the trigger first looks for a forbidden key right before a separator.
    return new ScrubRule("credential",
        f -> (f.hasEquals || f.colons > 0) && hasForbiddenKey(f.text, forbiddenFields), pattern,
        match -> {
          if (!forbiddenFields.isForbidden(match.group(1))) {
            return -1;
          }
          return match.group(2) != null ? 2 : match.group(3) != null ? 3 : 4;
        });
  }

  /** Whether a forbidden key ends right before an '=' or ':' (after an optional quote). */
  static boolean hasForbiddenKey(String text, ForbiddenFieldNames forbiddenFields) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '=' && c != ':') {
        continue;
      }
      int end = i;
      while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
        end--;
      }
      if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
        end--;
      }
      int start = end;
      while (start > 0 && isKeyCharacter(text.charAt(start - 1))) {
        start--;
      }
      if (start < end && forbiddenFields.isForbidden(text.substring(start, end))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKeyCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  private static ScrubRule hexSecret() {
    return new ScrubRule("secret", f -> f.longestHexRun >= MIN_HEX_SECRET_LENGTH,
        Pattern.compile("(?<![A-Za-z0-9])(?:0x)?+[0-9A-Fa-f]{32,}+(?![A-Za-z0-9])"),
        ScrubRule.SecretGroup.whole());
  }

  private static ScrubRule base64Secret() {
    return new ScrubRule("secret", f -> f.longestBase64Run >= MIN_BASE64_SECRET_LENGTH,
        Pattern.compile("(?<![A-Za-z0-9+_-])[A-Za-z0-9+_-][A-Za-z0-9+/_-]{39,}+=*+"),
        ScrubRule.SecretGroup.wholeIf(RandomLooking::isRandom));
  }
}
