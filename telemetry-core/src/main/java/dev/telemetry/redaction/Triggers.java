package dev.telemetry.redaction;

import java.util.function.Predicate;

/**
 * The triggers of the built-in steps in one {@code switch} (ADR 0060). {@link TextScrubber} asks
 * every step of every round whether it is triggered; through {@link ScrubStep#isTriggeredBy} that
 * was an interface call per step, and for a pattern rule a second one into its lambda, both
 * megamorphic at the scrubber's one call site (about 8 ns a step, a fifth of a benign line).
 * A built-in step names its trigger here instead, and the scrubber calls {@link #test} directly;
 * the step's own {@code isTriggeredBy} calls the same case, so there is one definition of each.
 * Custom rules ({@code scrubPattern}) have no number and keep their predicate.
 */
final class Triggers {

  static final int NONE = -1;
  static final int PEM_BLOCK = 0;
  static final int URL_CREDENTIALS = 1;
  static final int JWT = 2;
  static final int VENDOR_TOKENS = 3;
  static final int TELEGRAM_BOT_TOKEN = 4;
  static final int DISCORD_BOT_TOKEN = 5;
  static final int WEBHOOK_URL = 6;
  static final int BEARER = 7;
  static final int BASIC_CREDENTIALS = 8;
  static final int CURL_USER = 9;
  static final int MYSQL_PASSWORD = 10;
  static final int CREDENTIAL_PAIRS = 11;
  static final int CREDENTIAL_PHRASES = 12;
  static final int EMAIL = 13;
  static final int HEX_SECRET = 14;
  static final int RANDOM_TOKENS = 15;
  static final int IPV6 = 16;
  static final int MAC = 17;
  static final int IPV4 = 18;
  static final int CARD = 19;
  static final int SSN = 20;
  static final int IBAN = 21;
  static final int PHONE = 22;

  private Triggers() {}

  /** A necessary condition for the step numbered {@code trigger} to change the features' text. */
  static boolean test(int trigger, TextFeatures f) {
    return switch (trigger) {
      case PEM_BLOCK -> f.startsWord('b') && f.contains("-----BEGIN ");
      case URL_CREDENTIALS -> f.hasSchemeSeparator && f.hasAt;
      case JWT -> f.longestWordRun >= 13 && f.startsWord('e') && f.contains("eyJ");
      case VENDOR_TOKENS -> f.longestWordRun >= 12 && f.hasVendorKeyStart;
      case TELEGRAM_BOT_TOKEN -> f.longestWordRun >= 35;
      case DISCORD_BOT_TOKEN -> f.longestWordRun >= 27;
      case WEBHOOK_URL -> f.hasSchemeSeparator
          && (f.contains("hooks.slack.com") || f.contains("/webhooks/") || f.contains("webhook"));
      case BEARER -> f.startsWord('b') && (f.contains("earer") || f.contains("EARER"));
      case BASIC_CREDENTIALS -> f.startsWord('b') && (f.contains("asic") || f.contains("ASIC"));
      case CURL_USER -> f.colons > 0 && f.startsWord('u') && f.contains("-u");
      case MYSQL_PASSWORD -> f.startsWord('p') && f.contains("-p") && (f.contains("mysql") || f.contains("mariadb"));
      case CREDENTIAL_PAIRS -> f.hasEquals || f.colons > 0 || f.hasAngleBracket;
      // A word starts with a credential word's head (MatchStarts#isCredentialHead).
      case CREDENTIAL_PHRASES -> f.longestWordRun >= 3 && f.hasCredentialHead;
      case EMAIL -> f.hasAt;
      case HEX_SECRET -> f.longestWordRun >= BuiltInScrubRules.MIN_HEX_SECRET_LENGTH
          && f.longestHexRun() >= BuiltInScrubRules.MIN_HEX_SECRET_LENGTH;
      case RANDOM_TOKENS -> f.longestBase64Run >= RandomTokens.MIN_LENGTH;
      case IPV6 -> f.hasDoubleColon || f.colons >= 7;
      case MAC -> f.colons >= 5 || f.longestWordRun >= 17;
      case IPV4 -> f.digitDots >= 3;
      case CARD -> f.mostGroupedDigits >= BuiltInScrubRules.MIN_CARD_DIGITS;
      case SSN -> f.mostGroupedDigits >= 9;
      case IBAN -> f.hasIbanStart;
      case PHONE -> f.hasPlus || f.mostPhoneDigits >= 9;
      default -> throw new IllegalArgumentException("no built-in trigger " + trigger);
    };
  }

  /** The predicate of a built-in pattern rule: its case of {@link #test}, and its number. */
  static Predicate<TextFeatures> of(int trigger) {
    return new BuiltIn(trigger);
  }

  record BuiltIn(int trigger) implements Predicate<TextFeatures> {
    @Override
    public boolean test(TextFeatures features) {
      return Triggers.test(trigger, features);
    }
  }
}
