package dev.telemetry.redaction;

import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: a cheap trigger, a pattern, and which part of a match is the secret.
 *
 * <p>A rule may name its {@link CandidateStarts}: the positions where a match could begin,
 * found by a character scan. The pattern then runs only there (anchored with
 * {@link Matcher#lookingAt()} and transparent bounds, so lookbehinds still see the text before),
 * instead of being tried at every position by {@link Matcher#find()}. As long as every real
 * match start is a candidate the output is the same (see docs/decisions/0052), and a text
 * without a candidate costs the scan alone: no matcher is created.
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
 * @param starts where a match could begin, or null to try the pattern at every position
 */
record ScrubRule(
    String kind, Predicate<TextFeatures> trigger, Pattern pattern, SecretGroup secretGroup,
    CandidateStarts starts)
    implements ScrubStep {

  /** A rule whose pattern is tried at every position (custom rules: their shape is unknown). */
  ScrubRule(String kind, Predicate<TextFeatures> trigger, Pattern pattern, SecretGroup secretGroup) {
    this(kind, trigger, pattern, secretGroup, null);
  }

  /**
   * Where matches of a pattern can begin. {@link #next} must return every position at which
   * the pattern matches (it may return more); the rule tries the pattern there only.
   */
  @FunctionalInterface
  interface CandidateStarts {
    /** The first candidate at or after {@code from}, or -1 when there is none. */
    int next(String text, int from);
  }

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

  @Override
  public int builtInTrigger() {
    return trigger instanceof Triggers.BuiltIn builtIn ? builtIn.trigger() : Triggers.NONE;
  }

  /** Returns {@code text} itself when nothing was replaced. */
  @Override
  public String apply(String text) {
    return starts == null ? applyEverywhere(text) : applyAtCandidates(text);
  }

  /**
   * The same matches as {@link #applyEverywhere}: {@code find()} from a position returns the
   * match at the first start, at or after it, where the pattern matches, and no position that is
   * not a candidate can be such a start. After a match the next search begins at its end, as
   * {@code find()}'s does.
   */
  private String applyAtCandidates(String text) {
    int length = text.length();
    int from = starts.next(text, 0);
    if (from < 0) {
      return text;
    }
    Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    Replacements replacements = null;
    String marker = null;
    while (from >= 0) {
      matcher.region(from, length);
      int next = from + 1;
      if (matcher.lookingAt()) {
        int group = secretGroup.of(matcher);
        if (group >= 0) {
          marker = marker != null ? marker : marker();
          replacements = Replacements.mark(replacements, text, matcher.start(group), matcher.end(group), marker);
        }
        next = Math.max(matcher.end(), from + 1);
      }
      from = next > length ? -1 : starts.next(text, next);
    }
    return Replacements.result(replacements, text);
  }

  private String applyEverywhere(String text) {
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
