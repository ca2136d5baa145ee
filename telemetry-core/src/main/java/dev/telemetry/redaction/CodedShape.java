package dev.telemetry.redaction;

/**
 * A secret shape read in code instead of by a pattern (docs/decisions/0052): where a match could
 * start, and whether and where one does. {@link #apply} is {@link ScrubRule}'s candidate loop,
 * so a shape written this way finds the matches its pattern found: after a match the search goes
 * on at its end, otherwise at the next position.
 */
abstract class CodedShape implements ScrubStep {

  private final String marker;

  CodedShape(String kind) {
    this.marker = Replacements.marker(kind);
  }

  /** The first position at or after {@code from} where a match could start, or -1. */
  abstract int nextCandidate(String text, int from);

  /** The end of the match starting at {@code start}, or -1 when none starts there. */
  abstract int matchEnd(String text, int start);

  /** Where the secret of the match {@code [start, end)} starts; the whole match by default. */
  int secretStart(String text, int start) {
    return start;
  }

  /** Where the secret of the match {@code [start, end)} ends; the whole match by default. */
  int secretEnd(int end) {
    return end;
  }

  @Override
  public final String apply(String text) {
    Replacements replacements = null;
    int length = text.length();
    int from = nextCandidate(text, 0);
    while (from >= 0) {
      int end = matchEnd(text, from);
      int next = from + 1;
      if (end >= 0) {
        replacements = Replacements.mark(replacements, text, secretStart(text, from), secretEnd(end), marker);
        next = Math.max(end, from + 1);
      }
      from = next > length ? -1 : nextCandidate(text, next);
    }
    return Replacements.result(replacements, text);
  }
}
