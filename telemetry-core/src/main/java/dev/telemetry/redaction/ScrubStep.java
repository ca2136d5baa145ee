package dev.telemetry.redaction;

/**
 * One pass of the scrubber: a cheap trigger over the {@link TextFeatures} of the text, and the
 * replacement of every secret it recognises by a marker. A step either is a {@link ScrubRule}
 * (a regular expression) or scans in code, where a grammar is easier to read and faster to run
 * as a loop than as a pattern (key/value pairs, vendor prefixes, IPv6, random tokens).
 */
interface ScrubStep {

  /** A necessary condition for {@link #apply} to change anything. */
  boolean isTriggeredBy(TextFeatures features);

  /**
   * The trigger for {@code text}, which earlier steps of the round may have changed from
   * {@code features.text}: a replacement can give its neighbour a new start. A step whose
   * trigger depends on where tokens start overrides this.
   */
  default boolean isTriggeredBy(TextFeatures features, String text) {
    return isTriggeredBy(features);
  }

  /**
   * The number of this step's trigger in {@link Triggers}, which {@link TextScrubber} then tests
   * without a call through this interface; {@link Triggers#NONE} for a step whose trigger is
   * only its {@link #isTriggeredBy(TextFeatures)} (custom rules). When it names one, that case
   * must be what {@link #isTriggeredBy(TextFeatures)} returns.
   */
  default int builtInTrigger() {
    return Triggers.NONE;
  }

  /** The text with this step's secrets replaced; {@code text} itself when nothing was found. */
  String apply(String text);
}
