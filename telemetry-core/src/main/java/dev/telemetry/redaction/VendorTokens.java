package dev.telemetry.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * API keys that announce their vendor with a fixed prefix: AWS {@code AKIA…}, GitHub
 * {@code ghp_…}, GitLab {@code glpat-…}, Slack {@code xoxb-…}/{@code xapp-…}, Stripe
 * {@code sk_live_…}/{@code whsec_…}, Google {@code AIza…}/{@code GOCSPX-…}, SendGrid
 * {@code SG.…}, npm, PyPI, Twilio, Shopify, DigitalOcean, Vault, Hugging Face and more.
 *
 * <p>One scan in code: at each token start the first character selects the few prefixes that
 * could begin there, and a prefix counts only when enough token characters follow it. Where a
 * pattern alternation of some seventy prefixes would try each at every position, this costs
 * one table lookup per token.
 */
final class VendorTokens implements ScrubStep {

  static final String MARKER = Replacements.marker("access_key");

  /** Prefix, then the fewest token characters that must follow it. */
  private static final Object[][] PREFIXES = {
      {"AKIA", 16}, {"ASIA", 16}, {"ABIA", 16}, {"ACCA", 16}, {"AGPA", 16}, {"AIDA", 16},
      {"AIPA", 16}, {"AROA", 16}, {"ANPA", 16}, {"ANVA", 16}, {"A3T", 16},
      {"AIza", 30}, {"GOCSPX-", 16}, {"ya29.", 20},
      {"ghp_", 30}, {"gho_", 30}, {"ghu_", 30}, {"ghs_", 30}, {"ghr_", 30}, {"github_pat_", 20},
      {"glpat-", 16}, {"gldt-", 16}, {"glrt-", 16}, {"glptt-", 16}, {"glcbt-", 16}, {"GR1348941", 16},
      {"xoxb-", 10}, {"xoxp-", 10}, {"xoxa-", 10}, {"xoxr-", 10}, {"xoxs-", 10}, {"xoxe-", 10},
      {"xoxe.", 10}, {"xapp-", 10},
      {"sk_live_", 12}, {"sk_test_", 12}, {"rk_live_", 12}, {"rk_test_", 12}, {"pk_live_", 12},
      {"whsec_", 16}, {"sk-ant-", 20}, {"sk-proj-", 20}, {"sk-", 20},
      {"SG.", 20}, {"npm_", 30}, {"pypi-", 30}, {"SK", 32}, {"key-", 32},
      {"shpat_", 24}, {"shpss_", 24}, {"shpca_", 24}, {"shppa_", 24},
      {"dop_v1_", 40}, {"doo_v1_", 40}, {"dor_v1_", 40}, {"hvs.", 20}, {"hvb.", 20}, {"hvr.", 20},
      {"dapi", 32}, {"hf_", 30}, {"sq0atp-", 20}, {"sq0csp-", 20}, {"EAAA", 40}, {"EAAB", 40},
      {"ATATT", 30}, {"ATBB", 20}, {"lin_api_", 30}, {"PMAK-", 30}, {"dp.pt.", 30}, {"dp.st.", 30},
      {"pul-", 30}, {"glc_", 30}, {"glsa_", 30}, {"NRAK-", 20}, {"NRJS-", 16}, {"sntrys_", 30},
      {"sntryu_", 30}, {"LTAI", 12}, {"AGE-SECRET-KEY-1", 30}, {"figd_", 20}, {"fo1_", 20},
      {"nfp_", 20}, {"sbp_", 30}, {"pscale_tkn_", 20}, {"pscale_pw_", 20}, {"ntn_", 30},
      {"secret_", 30}, {"sk.eyJ", 20}, {"rzp_live_", 10}, {"rzp_test_", 10}, {"FLWSECK-", 20},
      {"FLWSECK_TEST-", 20}, {"xkeysib-", 30}, {"dckr_pat_", 20}, {"rubygems_", 40},
      {"oy2", 40}, {"CLOJARS_", 40}, {"access_token$production$", 20}, {"re_", 24},
      {"AccountKey=", 40}, {"SharedAccessSignature=", 20}, {"ops_", 30}, {"tfp_", 30},
  };

  /**
   * The fewest characters any prefix and its body span (prefix length plus the minimum): a token
   * start whose run is shorter cannot hold a key, and its prefixes are not compared.
   */
  static final int SHORTEST_KEY = shortestKey();

  /** The first two characters of every prefix, as bits {@code first * 128 + second}. */
  private static final long[] PREFIX_HEADS = prefixHeads();

  private static final String[][] prefixesByFirstChar = new String[128][];
  private static final int[][] minimaByFirstChar = new int[128][];

  static {
    List<List<Object[]>> buckets = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      buckets.add(new ArrayList<>());
    }
    for (Object[] entry : PREFIXES) {
      buckets.get(((String) entry[0]).charAt(0)).add(entry);
    }
    for (int i = 0; i < 128; i++) {
      // Longest first, so "sk-proj-" wins over "sk-".
      buckets.get(i).sort((a, b) -> ((String) b[0]).length() - ((String) a[0]).length());
      prefixesByFirstChar[i] = buckets.get(i).stream().map(e -> (String) e[0]).toArray(String[]::new);
      minimaByFirstChar[i] = buckets.get(i).stream().mapToInt(e -> (Integer) e[1]).toArray();
    }
  }

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.VENDOR_TOKENS, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.VENDOR_TOKENS;
  }

  /**
   * {@link TextFeatures#hasVendorKeyStart} holds for the features' own text only: once an
   * earlier step of the round replaced something, a key may start right after its marker
   * ({@code -----END KEY-----whsec_…} becomes {@code [REDACTED:private_key]whsec_…}), so the
   * scan then runs on the run length alone, as it did before the features recorded starts.
   */
  @Override
  public boolean isTriggeredBy(TextFeatures features, String text) {
    return text == features.text ? isTriggeredBy(features) : features.longestWordRun >= 12;
  }

  /**
   * Token by token: a start is a token character after a non-token one; a start whose first
   * character begins no prefix, or whose run is too short for any key, is passed over with its
   * whole run.
   */
  @Override
  public String apply(String text) {
    Replacements replacements = null;
    int length = text.length();
    // The end of the last run measured: every start inside it shares that end (a dotted name
    // such as org.springframework.web… has a start at each segment), so it is measured once.
    int runEnd = -1;
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (!isTokenCharacter(c)) {
        i++;
        continue;
      }
      int wordEnd = i + 1;
      while (wordEnd < length && isTokenCharacter(text.charAt(wordEnd))) {
        wordEnd++;
      }
      boolean start = i == 0 || !isTokenCharacter(text.charAt(i - 1));
      if (start && c < 128 && prefixesByFirstChar[c].length > 0) {
        if (i >= runEnd) {
          runEnd = runEnd(text, i);
        }
        int end = runEnd - i >= SHORTEST_KEY ? keyEnd(text, i, c) : -1;
        if (end >= 0) {
          replacements = Replacements.mark(replacements, text, i, end, MARKER);
          i = end + 1; // as the scan always did: the character after a key starts nothing
          continue;
        }
      }
      i = wordEnd;
    }
    return Replacements.result(replacements, text);
  }

  /** The end of the key starting at {@code i} with the longest prefix there, or -1. */
  private int keyEnd(String text, int i, char first) {
    String[] prefixes = prefixesByFirstChar[first];
    for (int p = 0; p < prefixes.length; p++) {
      String prefix = prefixes[p];
      if (!text.startsWith(prefix, i)) {
        continue;
      }
      int end = tokenEnd(text, i + prefix.length());
      if (end - i - prefix.length() >= minimaByFirstChar[first][p]
          && (isDistinctive(prefix) || looksGenerated(text, i + prefix.length(), end))) {
        return end;
      }
      return -1;
    }
    return -1;
  }

  /**
   * Whether a prefix starts at {@code i}. Its first two characters are looked up in a bit table
   * first, so most words are turned down without a comparison.
   */
  static boolean startsPrefix(String text, int i) {
    char first = text.charAt(i);
    char second = i + 1 < text.length() ? text.charAt(i + 1) : 0;
    if (first >= 128 || second >= 128) {
      return false;
    }
    int bit = first * 128 + second;
    if ((PREFIX_HEADS[bit >>> 6] & 1L << bit) == 0) {
      return false;
    }
    for (String prefix : prefixesByFirstChar[first]) {
      if (text.startsWith(prefix, i)) {
        return true;
      }
    }
    return false;
  }

  private static long[] prefixHeads() {
    long[] heads = new long[128 * 128 / 64];
    for (Object[] entry : PREFIXES) {
      String prefix = (String) entry[0];
      char first = prefix.charAt(0);
      if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
        // TextFeatures looks for a prefix at token starts that are letters only.
        throw new IllegalStateException("vendor prefix must start with a letter: " + prefix);
      }
      int bit = first * 128 + prefix.charAt(1);
      heads[bit >>> 6] |= 1L << bit;
    }
    return heads;
  }

  private static int shortestKey() {
    int shortest = Integer.MAX_VALUE;
    for (Object[] entry : PREFIXES) {
      shortest = Math.min(shortest, ((String) entry[0]).length() + (Integer) entry[1]);
    }
    return shortest;
  }

  /**
   * An upper bound of where a token from {@code start} can end: {@link #tokenEnd} never passes a
   * character that is neither a token character nor one that may stand inside a key, and every
   * prefix is made of such characters.
   */
  static int runEnd(String text, int start) {
    int end = start;
    while (end < text.length()) {
      char c = text.charAt(end);
      if (!isTokenCharacter(c) && c != '=' && c != '.' && c != '/' && c != '~' && c != '+' && c != '$') {
        break;
      }
      end++;
    }
    return end;
  }

  /** The end of the token body: token characters, without a sentence's closing dot. */
  private static int tokenEnd(String text, int from) {
    int end = from;
    while (end < text.length() && (isTokenCharacter(text.charAt(end)) || isInnerCharacter(text, end))) {
      end++;
    }
    while (end > from && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
      end--;
    }
    return end;
  }

  /**
   * Prefixes that occur in nothing else: long ones with a separator ({@code sk-proj-},
   * {@code glpat-}) and capitalised ones of four or more ({@code AKIA}, {@code AIza}), whose
   * bodies may happen to hold no digit (an AWS key id does about one time in thirty).
   */
  private static boolean isDistinctive(String prefix) {
    boolean separator = prefix.indexOf('_') >= 0 || prefix.indexOf('-') >= 0
        || prefix.indexOf('.') >= 0;
    boolean capital = Character.isUpperCase(prefix.charAt(0));
    return prefix.length() >= 5 && separator && !prefix.equals("secret_")
        || prefix.length() >= 4 && capital;
  }

  /**
   * Generated keys mix digits or letter cases, or run 10+ characters without a separator;
   * {@code key-rotation-policy-for-all-clusters} has the prefix and the length but is words.
   */
  private static boolean looksGenerated(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean separator = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      separator |= c == '-' || c == '_' || c == '.';
    }
    return upper && lower || !separator;
  }

  static boolean isTokenCharacter(char c) {
    return c < 128 && TOKEN_CHARACTERS[c];
  }

  /** {@code [A-Za-z0-9_-]} as a table: the scan asks once per character. */
  private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN_CHARACTERS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
    }
  }

  /** Dots, slashes, tildes, pluses and padding occur inside SendGrid, Vault, Azure and PyPI keys. */
  private static boolean isInnerCharacter(String text, int i) {
    char c = text.charAt(i);
    if (c == '=') {
      return true;
    }
    return (c == '.' || c == '/' || c == '~' || c == '+' || c == '$') && i + 1 < text.length()
        && isTokenCharacter(text.charAt(i + 1));
  }
}
