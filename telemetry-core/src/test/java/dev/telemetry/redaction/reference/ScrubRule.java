package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: a cheap trigger, a pattern, and which part of a match is the secret.
 *
 * <p>Only the secret part is replaced, so context stays readable: {@code password=hunter2}
 * becomes {@code password=[REDACTED:credential]} and {@code https://u:p@host} becomes
 * {@code https://[REDACTED:url_credentials]@host}.
 *
 * @param kind the name in the marker {@code [REDACTED:kind]}
 * @param trigger a necessary condition for a match, checked before the pattern runs
 * @param pattern finds candidates; written with possessive quantifiers or bounded repetition so
 *     that no input makes it backtrack catastrophically
 * @param secretGroup the group holding the secret in a candidate, or -1 when a check beyond the
 *     pattern (Luhn, IPv6 grammar, entropy, forbidden key) rejects it
 */
record ScrubRule(
    String kind, Predicate<TextFeatures> trigger, Pattern pattern, SecretGroup secretGroup)
    implements ScrubStep {

  static final String MARKER_PREFIX = "[REDACTED:";

  @FunctionalInterface
  interface SecretGroup {
    int of(MatchResult match);

    static SecretGroup whole() {
      return match -> 0;
    }

    static SecretGroup wholeIf(Predicate<String> check) {
      return match -> check.test(match.group()) ? 0 : -1;
    }
  }

  String marker() {
    return MARKER_PREFIX + kind + "]";
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return trigger.test(features);
  }

  /** Returns {@code text} itself when nothing was replaced. */
  @Override
  public String apply(String text) {
    Matcher matcher = pattern.matcher(text);
    Replacements replacements = null;
    String marker = marker();
    while (matcher.find()) {
      int group = secretGroup.of(matcher);
      if (group >= 0) {
        replacements = Replacements.mark(replacements, text, matcher.start(group), matcher.end(group), marker);
      }
    }
    return Replacements.result(replacements, text);
  }
}
