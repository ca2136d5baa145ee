package dev.telemetry.redaction;

/**
 * The fail-closed net under the named shapes: a token of 20 or more base64 or base64url
 * characters that looks generated is redacted, whatever it is, unless it has a shape that is
 * useful and not secret: hex digits in dash-separated groups (trace and span ids, W3C
 * {@code traceparent}, UUIDs, hashes) or digits alone.
 *
 * <p>"Looks generated" is {@link #isRandom}: the token's Shannon entropy, relative to the most
 * a token of its length can have, is at least {@link #MIN_RELATIVE_ENTROPY}, and it mixes
 * character classes the way random text does. The threshold was measured on the benign corpus
 * {@code benign-log-lines.txt} (test resources; see docs/decisions/0020-one-pass-scrub-gate.md):
 * identifiers, paths, class names and SQL stay well under it, generated keys well over.
 *
 * <p>Paths are judged segment by segment, so {@code /api/v1/orders/{token}} loses only its
 * token; a run that does not start with a slash is judged whole too, because a base64 secret
 * may contain slashes and must not leave a fragment behind.
 */
final class RandomTokens implements ScrubStep {

  static final String MARKER = Replacements.marker("secret");
  static final int MIN_LENGTH = 20;
  static final double MIN_RELATIVE_ENTROPY = 0.75;
  static final double MIN_CLASS_CHANGE_RATIO = 0.2;
  /** Share of letters in lowercase runs of 3+ above which a mixed-case token reads as words. */
  static final double MIN_WORD_LETTER_SHARE = 0.6;

  /** Character counts for the entropy, one array per thread: no allocation per token. */
  private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[128]);

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.RANDOM_TOKENS, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.RANDOM_TOKENS;
  }

  @Override
  public String apply(String text) {
    Replacements replacements = null;
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!isRunCharacter(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < length && isRunCharacter(text.charAt(end))) {
        end++;
      }
      while (end < length && text.charAt(end) == '=' && end - i < 4096) {
        end++; // base64 padding belongs to the token; a '=' inside a run separates key and value
      }
      if (end - i >= MIN_LENGTH && !startsInsideMarker(text, i)) {
        replacements = markRun(text, i, end, replacements);
      }
      i = end;
    }
    return Replacements.result(replacements, text);
  }

  private static Replacements markRun(String text, int start, int end, Replacements replacements) {
    int slash = start;
    while (slash < end && text.charAt(slash) != '/') {
      slash++;
    }
    if (slash == end) {
      // No slash: the run is its own only segment, judged once (the segment loop below would
      // judge the same characters again and reach the same verdict).
      return isRandom(text, start, end)
          ? Replacements.mark(replacements, text, start, end, MARKER) : replacements;
    }
    if (slash != start && !hasWordSegment(text, start, end) && isRandom(text, start, end)) {
      replacements = Replacements.mark(replacements, text, start, end, MARKER);
      return replacements;
    }
    int segment = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '/') {
        if (i - segment >= MIN_LENGTH && isRandom(text, segment, i)) {
          replacements = Replacements.mark(replacements, text, segment, i, MARKER);
        }
        segment = i + 1;
      }
    }
    return replacements;
  }

  /**
   * A path, not a base64 string (the run has a slash): some part between separators
   * ({@code / - _}) is a word of three or more letters in one case ({@code reports-archive/2026}).
   */
  private static boolean hasWordSegment(String text, int start, int end) {
    int part = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '/' || text.charAt(i) == '-' || text.charAt(i) == '_') {
        if (i - part >= 3 && isSingleCaseLetters(text, part, i)) {
          return true;
        }
        part = i + 1;
      }
    }
    return false;
  }

  /** Markers end in "kind]"; a run right after "[REDACTED:" is the marker's own kind. */
  private static boolean startsInsideMarker(String text, int start) {
    return start > 0 && text.charAt(start - 1) == ':' && start >= ScrubRule.MARKER_PREFIX.length()
        && text.startsWith(ScrubRule.MARKER_PREFIX, start - ScrubRule.MARKER_PREFIX.length());
  }

  static boolean isRandom(String text, int start, int end) {
    int length = end - start;
    if (length < MIN_LENGTH) {
      return false;
    }
    // One pass reads what the cheap conditions need: the allowlisted shapes (hex groups, a
    // joined name), the character classes and their changes, and the letters in lowercase
    // words (camelCase). A 29-character class name is read once, not four times.
    boolean hexGroups = true;
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    int changes = 0;
    int previousClass = -1;
    // Joined name: parts between '-' and '_', none longer than 16, at least three, one a word.
    int segment = start;
    int segments = 0;
    boolean segmentTooLong = false;
    boolean wordSegment = false;
    boolean segmentUpper = false;
    boolean segmentLower = false;
    boolean segmentOther = false;
    // camelCase: letters, and letters in lowercase runs of three or more.
    int letters = 0;
    int inWords = 0;
    int lowerRun = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      int characterClass;
      if (c >= 'A' && c <= 'Z') {
        upper = true;
        characterClass = 0;
        hexGroups &= c <= 'F';
        segmentUpper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
        characterClass = 1;
        hexGroups &= c <= 'f';
        segmentLower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
        characterClass = 2;
        segmentOther = true;
      } else {
        characterClass = 3;
        hexGroups &= c == '-';
        if (c == '-' || c == '_') {
          segmentTooLong |= i - segment > 16;
          wordSegment |= i - segment >= 3 && !segmentOther && segmentUpper != segmentLower;
          segments++;
          segment = i + 1;
          segmentUpper = false;
          segmentLower = false;
          segmentOther = false;
        } else {
          segmentOther = true;
        }
      }
      if (previousClass >= 0 && characterClass != previousClass) {
        changes++;
      }
      previousClass = characterClass;
      if (characterClass == 1) {
        lowerRun++;
      } else {
        inWords += lowerRun >= 3 ? lowerRun : 0;
        lowerRun = 0;
      }
      letters += characterClass <= 1 ? 1 : 0;
    }
    segmentTooLong |= end - segment > 16;
    wordSegment |= end - segment >= 3 && !segmentOther && segmentUpper != segmentLower;
    segments++;
    inWords += lowerRun >= 3 ? lowerRun : 0;
    boolean joinedName = !segmentTooLong && segments >= 3 && wordSegment;
    if (hexGroups || joinedName) {
      return false;
    }
    // The cheap conditions first: identifiers (one case, camelCase words, few class changes)
    // are rejected before the entropy's logarithms.
    boolean mixed = (digit && (upper || lower)) || (upper && lower);
    double changeRatio = (double) changes / (length - 1);
    boolean camelCase = inWords >= MIN_WORD_LETTER_SHARE * letters;
    if (!mixed || changeRatio < MIN_CLASS_CHANGE_RATIO || upper && lower && camelCase) {
      return false;
    }
    int[] counts = COUNTS.get();
    for (int i = start; i < end; i++) {
      counts[text.charAt(i)]++;
    }
    double entropy = 0;
    for (int i = start; i < end; i++) {
      int count = counts[text.charAt(i)];
      if (count > 0) {
        double p = (double) count / length;
        entropy -= p * Math.log(p);
        counts[text.charAt(i)] = 0;
      }
    }
    int alphabet = (upper ? 26 : 0) + (lower ? 26 : 0) + (digit ? 10 : 0) + 2;
    return entropy / expectedRandomEntropy(alphabet, length) >= MIN_RELATIVE_ENTROPY;
  }

  /**
   * About the entropy of a random string of {@code length} characters over {@code alphabet}:
   * the log of the number of distinct characters it is expected to hold. Short strings cannot
   * reach the log of the alphabet, so comparing against it would miss every short key.
   */
  static double expectedRandomEntropy(int alphabet, int length) {
    double distinct = alphabet * (1 - Math.pow(1 - 1.0 / alphabet, length));
    return Math.log(distinct);
  }

  private static boolean isSingleCaseLetters(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return upper != lower;
  }

  private static boolean isRunCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-' || c == '+' || c == '/';
  }
}
