package dev.telemetry.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The built-in secret shapes, in the order they run.
 *
 * <p>Order resolves overlaps, most specific shape first: a PEM block before anything that
 * could fire inside it (so it becomes one marker); URL credentials before emails (so
 * {@code user:pw@host.com} is one credential, not an email); JWTs and vendor keys before the
 * bearer and key=value rules (so {@code Bearer eyJ…} reads {@code Bearer [REDACTED:jwt]});
 * key=value pairs before the shapes, so a harmless word before a key cannot hide its value;
 * emails before random tokens (a random local part must not leave its domain behind); long
 * random strings before the short shapes that could fire inside them (a 13-digit run inside a
 * hex key must not be cut out as a card, leaving the rest of the key too short to recognise).
 * Code-based steps ({@link CredentialPairs}, {@link VendorTokens}, {@link RandomTokens},
 * {@link Ipv6Addresses}, {@link Ipv4Addresses}, {@link JsonWebTokens}, {@link UrlCredentials}) sit in the same list as the patterns.
 *
 * <p>Every quantifier that could meet a long input is possessive or bounded, so the work per
 * start position is bounded and no input can make a pattern backtrack catastrophically. Each
 * pattern names its {@link MatchStarts} scan and runs only where a match can begin (ADR 0052);
 * a new pattern needs a scan that returns every such position, and a near-miss case in
 * {@code FastPathEquivalenceProperties}.
 */
final class BuiltInScrubRules {

  static final int MIN_HEX_SECRET_LENGTH = 32;
  static final int MIN_CARD_DIGITS = 13;

  private BuiltInScrubRules() {}

  /**
   * The built-in steps in order. {@code ibans} and {@code phoneNumbers} switch those two
   * shapes, which some hosts need to keep (a bank's own account numbers, a call centre's lines).
   */
  static List<ScrubStep> inOrder(ForbiddenFieldNames forbiddenFields, boolean ibans,
      boolean phoneNumbers) {
    List<ScrubStep> steps = new ArrayList<>(List.of(
        pemBlock(), new UrlCredentials(), new JsonWebTokens(), new VendorTokens(), telegramBotToken(), discordBotToken(),
        webhookUrl(), bearer(), basicCredentials(), curlUser(), mysqlPassword(),
        new CredentialPairs(forbiddenFields), CredentialPhrases.rule(), email(), hexSecret(), new RandomTokens(), new Ipv6Addresses(),
        macAddress(), new Ipv4Addresses(), card(), socialSecurityNumber()));
    if (ibans) {
      steps.add(iban());
    }
    if (phoneNumbers) {
      steps.add(phoneNumber());
    }
    return List.copyOf(steps);
  }

  /** A whole PEM block, header to footer (or to the end when the footer was cut off). */
  private static ScrubRule pemBlock() {
    return new ScrubRule("private_key", Triggers.of(Triggers.PEM_BLOCK),
        Pattern.compile("-----BEGIN [A-Z0-9 ]{1,64}+-----(?:(?!-----END )[\\s\\S]){0,8192}+"
            + "(?:-----END [A-Z0-9 ]{1,64}+-----)?+"),
        ScrubRule.SecretGroup.whole(), MatchStarts::pemBlock);
  }

  private static ScrubRule telegramBotToken() {
    return new ScrubRule("access_key", Triggers.of(Triggers.TELEGRAM_BOT_TOKEN),
        Pattern.compile("(?<![0-9])[0-9]{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
        ScrubRule.SecretGroup.whole(), MatchStarts::telegramBotToken);
  }

  /** A bare {@code Basic <base64>} credential: the decoded text is {@code user:password}. */
  private static ScrubRule basicCredentials() {
    return new ScrubRule("credential", Triggers.of(Triggers.BASIC_CREDENTIALS),
        Pattern.compile("(?<![A-Za-z0-9])(?:Basic|basic|BASIC)[ \\t]++"
            + "([A-Za-z0-9+/]{6,1024}+={0,2}+)(?![A-Za-z0-9+/=])"),
        match -> BasicCredentials.isUserAndPassword(match.group(1)) ? 1 : -1, MatchStarts::basic);
  }

  /** Discord bot tokens: base64 user id, a 6-character timestamp and a 27–38 character HMAC. */
  private static ScrubRule discordBotToken() {
    return new ScrubRule("access_key", Triggers.of(Triggers.DISCORD_BOT_TOKEN),
        Pattern.compile("(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}+\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}+"
            + "(?![A-Za-z0-9_-])"),
        ScrubRule.SecretGroup.whole(), MatchStarts::discordBotToken);
  }

  /**
   * Incoming-webhook URLs whose path is the credential: Slack ({@code hooks.slack.com/services/…}),
   * Discord and Microsoft Teams ({@code …/webhookb2/…}, {@code …/IncomingWebhook/…}). The host and the
   * start of the path stay readable; everything after it is redacted.
   */
  private static ScrubRule webhookUrl() {
    return new ScrubRule("access_key", Triggers.of(Triggers.WEBHOOK_URL),
        Pattern.compile("(?:hooks\\.slack\\.com/(?:services|workflows|triggers)/"
            + "|discord(?:app)?\\.com/api/webhooks/|/webhookb2/|/IncomingWebhook/)"
            + "([A-Za-z0-9_@./-]{8,512}+)"),
        match -> 1);
  }

  /** {@code mysql -u root -pS3cret} and {@code -p'S3cret'}: the password glued to {@code -p}. */
  private static ScrubRule mysqlPassword() {
    return new ScrubRule("credential", Triggers.of(Triggers.MYSQL_PASSWORD),
        Pattern.compile("(?<![A-Za-z0-9_-])-p(?!assword)('[^'\\s]{1,256}+'|\"[^\"\\s]{1,256}+\"|[^\\s'\"-][^\\s]{0,255}+)"),
        match -> 1, MatchStarts::mysqlPassword);
  }

  /** MAC addresses ({@code 00:1A:2B:3C:4D:5E}, {@code 00-1a-2b-3c-4d-5e}): device identifiers. */
  private static ScrubRule macAddress() {
    return new ScrubRule("mac", Triggers.of(Triggers.MAC),
        Pattern.compile("(?<![0-9A-Fa-f:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}"
            + "(?![0-9A-Fa-f:.-])"),
        ScrubRule.SecretGroup.whole(), MatchStarts::macAddress);
  }

  /**
   * US social security numbers written {@code 123-45-6789}: area not 000, 666 or 900–999, group
   * not 00, serial not 0000 (numbers never issued, and the shapes of ranges and dates).
   */
  private static ScrubRule socialSecurityNumber() {
    return new ScrubRule("ssn", Triggers.of(Triggers.SSN),
        Pattern.compile("(?<![A-Za-z0-9_.-])(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}"
            + "(?![A-Za-z0-9_-]|\\.[0-9])"),
        ScrubRule.SecretGroup.whole(), MatchStarts::socialSecurityNumber);
  }

  /** {@code curl -u user:password} and {@code --user user:password}. */
  private static ScrubRule curlUser() {
    return new ScrubRule("credential", Triggers.of(Triggers.CURL_USER),
        Pattern.compile("(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \\t]++|=)['\"]?+"
            + "([^\\s'\":]{0,128}+:[^\\s'\"]{1,256}+)"),
        match -> 1, MatchStarts::curlUser);
  }

  private static ScrubRule iban() {
    return new ScrubRule("iban", Triggers.of(Triggers.IBAN),
        Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?+[A-Z0-9]{4}){2,7}+"
            + "(?: ?+[A-Z0-9]{1,3})?+(?![A-Za-z0-9])"),
        ScrubRule.SecretGroup.wholeIf(Ibans::passesMod97), MatchStarts::iban);
  }

  /**
   * International numbers with a {@code +} and a country code, and the national layouts that
   * cannot be dates, versions or durations: (415) 555-0132, 415-555-0132, 020 7946 0958,
   * 06 12 34 56 78 (France), 07700 900123 (UK mobile).
   */
  private static ScrubRule phoneNumber() {
    return new ScrubRule("phone", Triggers.of(Triggers.PHONE),
        Pattern.compile("(?<![A-Za-z0-9+.-])(?:"
            + "\\+[1-9][0-9]{0,2}+(?:[ .-]?+\\(?[0-9]{1,4}+\\)?+){2,6}"
            + "|\\([0-9]{3}\\) ?+[0-9]{3}[ .-][0-9]{4}"
            + "|[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}"
            + "|0[0-9]{2,4}+ [0-9]{3,4}+ ?+[0-9]{3,4}+"
            + "|(?<![:/])0[1-9]([ .])[0-9]{2}(?:\\1[0-9]{2}){3}"
            + "|0[0-9]{4} [0-9]{6})(?![A-Za-z0-9]|[.-][0-9])"),
        ScrubRule.SecretGroup.wholeIf(BuiltInScrubRules::hasPhoneDigitCount), MatchStarts::phoneNumber);
  }

  private static boolean hasPhoneDigitCount(String candidate) {
    int digits = 0;
    for (int i = 0; i < candidate.length(); i++) {
      digits += Character.isDigit(candidate.charAt(i)) ? 1 : 0;
    }
    // No upper bound: the pattern may take a following number ("+44 20 7946 0958 100"), and
    // redacting that too is better than letting the phone number through.
    return digits >= 8;
  }

  private static ScrubRule bearer() {
    return new ScrubRule("bearer", Triggers.of(Triggers.BEARER),
        Pattern.compile("(?<![A-Za-z0-9])(?:[Bb]earer|BEARER)[ \\t]++"
            + "([A-Za-z0-9._~+/-]{16,1024}+=*+)"),
        match -> 1, MatchStarts::bearer);
  }

  private static ScrubRule email() {
    // Without a leading boundary: a local part longer than 64 characters still loses its tail.
    // Letters and digits of any script (RFC 6531/6532): иван.петров@почта.рф, jürgen@bücher.de.
    return new ScrubRule("email", Triggers.of(Triggers.EMAIL),
        Pattern.compile("[\\p{L}\\p{M}\\p{N}._%+'-]{1,64}+@(?:[\\p{L}\\p{M}\\p{N}-]{1,63}+\\.){1,8}"
            + "(?:[\\p{L}\\p{M}]{2,24}+|xn--[A-Za-z0-9-]{1,59}+)"),
        ScrubRule.SecretGroup.whole(), MatchStarts::email);
  }



  private static ScrubRule card() {
    // Issuer digits 2-6 (Mastercard, Amex, Visa, Discover, UnionPay, JCB) keep epoch-millis
    // timestamps, which start with 1, out. Separated forms follow the printed layouts
    // 4-4-4-4(-3) and Amex/Diners 4-6-5/4-6-4, so runs of small numbers never qualify.
    // Group 1 is the 4-4-4-4 part: when "4-4-4-4 nnn" fails Luhn as 19 digits, the 16-digit
    // card followed by an unrelated number is still found.
    return new ScrubRule("card", Triggers.of(Triggers.CARD),
        Pattern.compile("(?<![A-Za-z0-9])(?:[2-6][0-9]{12,18}"
            + "|([2-6][0-9]{3}([ -])[0-9]{4}\\2[0-9]{4}\\2[0-9]{1,4})(?:\\2[0-9]{3})?"
            + "|3[0-9]{3}([ -])[0-9]{6}\\3[0-9]{4,5})(?![A-Za-z0-9])"),
        match -> {
          if (CardNumbers.passesLuhn(match.group())) {
            return 0;
          }
          String grouped = match.group(1);
          return grouped != null && CardNumbers.passesLuhn(grouped) ? 1 : -1;
        }, MatchStarts::card);
  }







  /**
   * Long hex strings are secrets unless they have the length of an id or a digest in one letter
   * case: 32 (trace id, MD5), 40 (SHA-1, git commit), 64 (SHA-256). A {@code 0x} prefix marks
   * key material, never an id.
   */
  private static ScrubRule hexSecret() {
    return new ScrubRule("secret",
        Triggers.of(Triggers.HEX_SECRET),
        Pattern.compile("(?<![A-Za-z0-9])(?:0x)?+[0-9A-Fa-f]{32,}+(?![A-Za-z0-9])"),
        ScrubRule.SecretGroup.wholeIf(hex -> !isIdOrDigest(hex)), MatchStarts::hexSecret);
  }

  private static boolean isIdOrDigest(String hex) {
    int length = hex.length();
    if (hex.startsWith("0x") || length != 32 && length != 40 && length != 64) {
      return false;
    }
    return hex.equals(hex.toLowerCase(Locale.ROOT))
        || hex.equals(hex.toUpperCase(Locale.ROOT));
  }



}
