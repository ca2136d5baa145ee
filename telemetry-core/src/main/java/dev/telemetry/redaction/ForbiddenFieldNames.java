package dev.telemetry.redaction;

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
      "secret", "secrets", "password", "passwords", "passwd", "pwd", "passphrase",
      "credential", "credentials", "token", "bearer", "jwt", "otp",
      "cookie", "cookies", "session", "session id", "jsessionid", "phpsessid",
      "email", "ip", "ipv4", "ipv6", "remote addr", "remote address", "forwarded for",
      "client address", "peer address", "user id", "enduser id", "user name", "full name", "first name",
      "last name", "phone", "ssn", "social security number", "credit card", "card number",
      "cvv", "cvc", "wallet address");

  /** Words after a match that turn the name into a measurement about the secret. */
  private static final Set<String> MEASURE_WORDS = Set.of(
      "count", "total", "length", "size", "bytes", "type", "kind", "version", "ttl", "age",
      "duration", "ms", "seconds", "rate", "ratio", "enabled");

  private final Set<String> joinedPhrases;
  private final int longestPhrase;

  private ForbiddenFieldNames(Set<String> joinedPhrases) {
    this.joinedPhrases = Set.copyOf(joinedPhrases);
    this.longestPhrase = joinedPhrases.stream().mapToInt(String::length).max().orElse(0);
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
