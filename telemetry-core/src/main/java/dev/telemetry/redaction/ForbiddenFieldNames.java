package dev.telemetry.redaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a field name (an attribute key, a label, a header, the key of a
 * {@code key=value} pair) names sensitive data.
 *
 * <p>Matching is by words, not substrings: the name is split by {@link FieldNameWords} and a
 * field is forbidden when some run of consecutive words, joined, spells a forbidden phrase.
 * So the phrase "api key" matches {@code X-Api-Key}, {@code apiKey}, {@code x_apikey}, and "ip"
 * matches {@code client_ip} and {@code clientIP} but never {@code zip} or {@code ship_to},
 * which a substring search would flag.
 *
 * <p>Two rules keep metric-style names usable:
 * <ul>
 *   <li>Words match exactly, without stemming: {@code tokens_total} and {@code input_tokens}
 *       count tokens and are allowed, while {@code token} and {@code access_token} are not.
 *       Plurals that name secrets rather than quantities ({@code cookies}, {@code secrets},
 *       {@code passwords}, {@code credentials}) are listed explicitly.
 *   <li>A match followed only by measure words ({@code count}, {@code total}, {@code length},
 *       {@code type}, …) names a quantity about the secret, not the secret: {@code token_count},
 *       {@code password_length}, {@code session_duration_ms} and {@code token_type} are allowed.
 *       A phrase configured with its measure word ({@code forbidFields("token_count")}) still
 *       matches, because then nothing follows the match.
 * </ul>
 * Values of allowed fields are still scrubbed, so this leniency never lets a secret through
 * unexamined.
 */
final class ForbiddenFieldNames {

  static final List<String> DEFAULT_PHRASES = List.of(
      "authorization", "api key", "access key", "private key", "signing key", "encryption key",
      "secret", "secrets", "password", "passwords", "passwd", "pwd", "pass", "passphrase",
      "credential", "credentials", "token", "bearer", "jwt", "otp",
      "cookie", "cookies", "session", "session id", "jsessionid", "phpsessid",
      "email", "ip", "ipv4", "ipv6", "remote addr", "remote address", "forwarded for",
      "client address", "peer address", "user id", "enduser id", "user name", "full name", "first name",
      "last name", "phone", "ssn", "social security number", "credit card", "card number",
      "cvv", "cvc", "wallet address", "sid", "connect sid", "aspsessionid", "session token",
      "csrf", "xsrf", "account key", "shared key", "sas", "sig", "signature", "iban", "mobile",
      "msisdn", "pgpass", "client key", "master key", "dsn", "connection string");

  /**
   * Stems that name a credential inside a longer word, where word splitting cannot see them:
   * {@code PGPASSWORD}, {@code dbpassword}, {@code mysecret}, {@code xsrftoken}. A word
   * containing one is forbidden (unless only measure words follow, as for whole words).
   */
  private static final List<String> CREDENTIAL_STEMS = List.of(
      "password", "passwd", "passphrase", "secret", "credential", "apikey", "accesskey",
      "privatekey", "sessionid", "sessid", "authtoken", "accesstoken", "refreshtoken");

  /** Words after a match that turn the name into a measurement about the secret. */
  private static final Set<String> MEASURE_WORDS = Set.of(
      "count", "total", "length", "size", "bytes", "type", "kind", "version", "ttl", "age",
      "duration", "ms", "seconds", "rate", "ratio", "enabled");

  private final Set<String> joinedPhrases;
  private final int longestPhrase;
  /**
   * An Aho-Corasick automaton over the letters and digits of every phrase and stem (symbols as
   * {@link #bucket}): {@code transitions[state * 36 + symbol]} is the next state, and a state is
   * accepting when some phrase ends there. The allocation-free prefilter reads a key once,
   * whatever the number of phrases.
   */
  private final int[] transitions;
  private final boolean[] accepting;
  /**
   * The same automaton over every phrase and stem spelt backwards, for {@link #keyBefore}: a key
   * contains a phrase exactly when the key read backwards contains the phrase spelt backwards, so
   * {@link CredentialPairs} tests the key in the same backward walk that finds where it starts.
   */
  private final int[] reverseTransitions;
  private final boolean[] reverseAccepting;

  /** {@link #bucket} of a key character (0–35), {@link #KEY_SEPARATOR} for {@code _ . -}, else -1. */
  private static final byte[] KEY_SYMBOLS = new byte[128];
  private static final int KEY_SEPARATOR = 36;

  static {
    for (char c = 0; c < 128; c++) {
      KEY_SYMBOLS[c] = (byte) (c == '_' || c == '.' || c == '-' ? KEY_SEPARATOR : bucket(c));
    }
  }

  private ForbiddenFieldNames(Set<String> joinedPhrases) {
    this.joinedPhrases = Set.copyOf(joinedPhrases);
    this.longestPhrase = joinedPhrases.stream().mapToInt(String::length).max().orElse(0);
    List<String> spelt = new ArrayList<>(joinedPhrases);
    spelt.addAll(CREDENTIAL_STEMS);
    // A phrase with a character outside a-z, 0-9 is never spelt in a key (the prefilter reads
    // only those), so it gets no path.
    spelt.removeIf(phrase -> !phrase.chars().allMatch(c -> bucket((char) c) >= 0 && !Character.isUpperCase(c)));
    int[][] forward = automaton(spelt);
    this.transitions = forward[0];
    this.accepting = accepting(forward[1]);
    List<String> backwards = new ArrayList<>();
    for (String phrase : spelt) {
      backwards.add(new StringBuilder(phrase).reverse().toString());
    }
    int[][] reverse = automaton(backwards);
    this.reverseTransitions = reverse[0];
    this.reverseAccepting = accepting(reverse[1]);
  }

  private static boolean[] accepting(int[] flags) {
    boolean[] result = new boolean[flags.length];
    for (int i = 0; i < flags.length; i++) {
      result[i] = flags[i] != 0;
    }
    return result;
  }

  /**
   * An Aho-Corasick automaton over {@code phrases} (each of a-z, 0-9 only): the transition table
   * ({@code [state * 36 + symbol]}) and, per state, 1 when some phrase ends there.
   */
  private static int[][] automaton(List<String> phrases) {
    List<int[]> children = new ArrayList<>();
    List<Boolean> ends = new ArrayList<>();
    children.add(newNode());
    ends.add(false);
    for (String phrase : phrases) {
      int state = 0;
      for (int i = 0; i < phrase.length(); i++) {
        int symbol = bucket(phrase.charAt(i));
        if (children.get(state)[symbol] < 0) {
          children.get(state)[symbol] = children.size();
          children.add(newNode());
          ends.add(false);
        }
        state = children.get(state)[symbol];
      }
      ends.set(state, true);
    }
    int states = children.size();
    int[] transitions = new int[states * 36];
    int[] accepting = new int[states];
    int[] failure = new int[states];
    int[] queue = new int[states];
    int head = 0;
    int tail = 0;
    for (int symbol = 0; symbol < 36; symbol++) {
      int child = children.get(0)[symbol];
      transitions[symbol] = child < 0 ? 0 : child;
      if (child > 0) {
        failure[child] = 0;
        queue[tail++] = child;
      }
    }
    accepting[0] = ends.get(0) ? 1 : 0;
    while (head < tail) {
      int state = queue[head++];
      accepting[state] = ends.get(state) || accepting[failure[state]] != 0 ? 1 : 0;
      for (int symbol = 0; symbol < 36; symbol++) {
        int child = children.get(state)[symbol];
        if (child < 0) {
          transitions[state * 36 + symbol] = transitions[failure[state] * 36 + symbol];
        } else {
          failure[child] = transitions[failure[state] * 36 + symbol];
          transitions[state * 36 + symbol] = child;
          queue[tail++] = child;
        }
      }
    }
    return new int[][] {transitions, accepting};
  }

  private static int[] newNode() {
    int[] node = new int[36];
    java.util.Arrays.fill(node, -1);
    return node;
  }

  /** 0–25 for a letter of either case, 26–35 for a digit, -1 for anything else. */
  private static int bucket(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '0' && c <= '9') {
      return 26 + c - '0';
    }
    return -1;
  }

  /**
   * Whether {@code text[start, end)}, read as a field name, is forbidden. A field can only be
   * forbidden if its letters and digits, separators left out, contain a phrase; that check runs
   * first without allocating, so the keys of an ordinary {@code key=value} line cost a few
   * character comparisons each.
   */
  boolean isForbidden(String text, int start, int end) {
    return mayContainPhrase(text, start, end) && isForbidden(text.substring(start, end));
  }

  /**
   * Whether the letters and digits of {@code text[start, end)}, separators left out and case
   * ignored, contain a phrase or stem.
   */
  boolean mayContainPhrase(String text, int start, int end) {
    int state = 0;
    for (int i = start; i < end; i++) {
      int symbol = bucket(text.charAt(i));
      if (symbol >= 0) {
        state = transitions[state * 36 + symbol];
        if (accepting[state]) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The key that ends at {@code end}, read backwards in one walk: its start (the first of at most
   * {@code maxKey} key characters {@code [A-Za-z0-9_.-]} before {@code end}) and whether it may
   * contain a phrase, the verdict {@link #mayContainPhrase} gives for {@code text[start, end)}.
   * Returns {@code start * 2 + 1} when it may, {@code start * 2} when it cannot.
   */
  int keyBefore(String text, int end, int maxKey) {
    int start = end;
    int state = 0;
    boolean may = false;
    int limit = Math.max(0, end - maxKey);
    while (start > limit) {
      char c = text.charAt(start - 1);
      int symbol = c < 128 ? KEY_SYMBOLS[c] : -1;
      if (symbol < 0) {
        break;
      }
      start--;
      if (symbol < KEY_SEPARATOR && !may) {
        state = reverseTransitions[state * 36 + symbol];
        may = reverseAccepting[state];
      }
    }
    return start * 2 + (may ? 1 : 0);
  }

  /** {@link #isForbidden(String)} of {@code text[start, end)}, without the prefilter. */
  boolean isForbiddenName(String text, int start, int end) {
    return isForbidden(text.substring(start, end));
  }

  static ForbiddenFieldNames defaults() {
    return withExtra(List.of());
  }

  /**
   * The defaults plus {@code extraNames}, each split into words the same way field names are.
   *
   * @throws IllegalArgumentException if a name has no letters or digits
   */
  static ForbiddenFieldNames withExtra(List<String> extraNames) {
    Set<String> phrases = new HashSet<>();
    for (String phrase : DEFAULT_PHRASES) {
      phrases.add(String.join("", FieldNameWords.split(phrase)));
    }
    for (String name : extraNames) {
      String joined = String.join("", FieldNameWords.split(name));
      if (joined.isEmpty()) {
        throw new IllegalArgumentException(
            "forbidFields: name '" + name + "' has no letters or digits, so it matches nothing");
      }
      phrases.add(joined);
    }
    return new ForbiddenFieldNames(phrases);
  }

  boolean isForbidden(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    List<String> words = FieldNameWords.split(name);
    StringBuilder window = new StringBuilder(longestPhrase);
    for (int first = 0; first < words.size(); first++) {
      window.setLength(0);
      for (int last = first; last < words.size(); last++) {
        window.append(words.get(last));
        if (window.length() > longestPhrase) {
          break;
        }
        if (joinedPhrases.contains(window.toString()) && !onlyMeasureWordsAfter(words, last)) {
          return true;
        }
      }
      if (containsStem(words.get(first)) && !onlyMeasureWordsAfter(words, first)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsStem(String word) {
    for (String stem : CREDENTIAL_STEMS) {
      if (word.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyMeasureWordsAfter(List<String> words, int last) {
    if (last == words.size() - 1) {
      return false;
    }
    for (int i = last + 1; i < words.size(); i++) {
      if (!MEASURE_WORDS.contains(words.get(i))) {
        return false;
      }
    }
    return true;
  }
}
