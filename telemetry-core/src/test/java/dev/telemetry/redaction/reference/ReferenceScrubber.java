package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

import java.util.List;

/**
 * The rule-by-rule scrubber as it was before the candidate scan (ADR 0052), kept verbatim in
 * the test sources as an oracle: every regular expression runs {@code find()} over the whole
 * text, every trigger is the original one. The fast scrubber must give the same output on
 * every input.
 */
public final class ReferenceScrubber {

  private final TextScrubber scrubber;

  public ReferenceScrubber(boolean ibans, boolean phoneNumbers) {
    this.scrubber = new TextScrubber(ForbiddenFieldNames.defaults(), List.of(), ibans, phoneNumbers);
  }

  public String scrub(String text) {
    return scrubber.scrub(text);
  }
}
