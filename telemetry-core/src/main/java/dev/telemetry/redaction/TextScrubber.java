package dev.telemetry.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces secrets in free text with {@code [REDACTED:kind]} markers.
 *
 * <p>Work is bounded twice over: texts longer than {@link #MAX_CHARS} are cut before any
 * pattern runs, and {@link TextFeatures} decides in one pass which patterns could match at all.
 * A line without a trigger costs that one pass and no allocation, and comes back as the same
 * instance.
 */
final class TextScrubber {

  /** Longest text scrubbed; longer texts are cut and end with {@link #TRUNCATION_MARKER}. */
  static final int MAX_CHARS = 8 * 1024;

  static final String TRUNCATION_MARKER = "[TRUNCATED]";

  /** A bound on work for adversarial input; real text reaches its fixed point in two rounds. */
  private static final int MAX_ROUNDS = 4;

  private final ScrubStep[] steps;
  /** Per step, its {@link ScrubStep#builtInTrigger()}: tested without a call through the step. */
  private final int[] triggers;

  /** Custom rules run first: a host's own shapes are more specific than the built-in ones. */
  TextScrubber(ForbiddenFieldNames forbiddenFields, List<ScrubRule> customRules, boolean ibans,
      boolean phoneNumbers) {
    List<ScrubStep> all = new ArrayList<>(customRules);
    all.addAll(BuiltInScrubRules.inOrder(forbiddenFields, ibans, phoneNumbers));
    this.steps = all.toArray(ScrubStep[]::new);
    this.triggers = new int[steps.length];
    for (int i = 0; i < steps.length; i++) {
      triggers[i] = steps[i].builtInTrigger();
    }
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text.length() > MAX_CHARS ? truncate(text) : text;
    // A replacement can give its neighbour a new boundary ("0.0.0.0eyJ…" becomes
    // "[REDACTED:ipv4]eyJ…", and now the JWT starts at a boundary), so rounds repeat until
    // nothing changes: the output is a fixed point, which is what makes scrubbing idempotent.
    // Each productive round turns text into markers that no rule matches again, so rounds
    // end; benign text takes one round, text with secrets usually two.
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String before = scrubbed;
      scrubbed = applyRules(before);
      if (scrubbed == before) {
        break;
      }
    }
    // Markers can be longer than what they replace; cutting again keeps every output within
    // the bound, so scrubbing an output never truncates it a second time.
    return scrubbed.length() > MAX_CHARS ? truncate(scrubbed) : scrubbed;
  }

  private String applyRules(String text) {
    TextFeatures features = TextFeatures.of(text);
    String scrubbed = text;
    for (int i = 0; i < steps.length; i++) {
      // While no step of the round has changed the text, a built-in trigger is a case of one
      // switch (Triggers), not a call through the step and its predicate: the call site here
      // sees every step and would dispatch each call through a table (ADR 0060). After a change
      // the step itself decides (a replacement can give a neighbour a new start).
      int trigger = triggers[i];
      boolean triggered = scrubbed != text ? steps[i].isTriggeredBy(features, scrubbed)
          : trigger != Triggers.NONE ? Triggers.test(trigger, features)
          : steps[i].isTriggeredBy(features);
      if (triggered) {
        scrubbed = steps[i].apply(scrubbed);
      }
    }
    return scrubbed;
  }

  /**
   * Cuts at the last whitespace before the limit: half a secret no longer has its shape (half an
   * email has no domain), so no fragment of a word may be left at the end.
   */
  private static String truncate(String text) {
    int cut = MAX_CHARS - TRUNCATION_MARKER.length();
    while (cut > 0 && !Character.isWhitespace(text.charAt(cut))
        && !Character.isWhitespace(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + TRUNCATION_MARKER;
  }
}
