package dev.telemetry.redaction;

import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Credentials written in prose rather than as a pair: {@code the password is hunter2},
 * {@code password hunter2Xy for admin}, {@code secret 7CE556A3BC…}. After a credential word
 * ({@code password}, {@code passwd}, {@code pwd}, {@code passphrase}, {@code secret},
 * {@code token}, {@code api key}):
 *
 * <ul>
 *   <li>after {@code is} or {@code was}, the next word is the credential unless it is one of the
 *       status words logs use ({@code password is incorrect}, {@code token was expired});
 *   <li>directly after the word, the next word is the credential only when it looks generated:
 *       8 or more characters holding a digit or a symbol beside letters ({@code password reset
 *       failed}, {@code page token page-7} and paths stay).
 * </ul>
 *
 * Pairs ({@code password=…}, {@code password: …}) are {@link CredentialPairs}' and already
 * markers when this runs.
 */
final class CredentialPhrases {
  static final String KIND = "credential";

  /** Words that describe a credential's state rather than being one. */
  private static final Set<String> STATUS_WORDS = Set.of(
      "incorrect", "invalid", "wrong", "expired", "expiring", "missing", "empty", "required", "not",
      "null", "none", "nil", "blank", "set", "unset", "correct", "weak", "strong", "valid", "too",
      "changed", "reset", "the", "a", "an", "being", "now", "still", "different", "same", "ok",
      "okay", "disabled", "enabled", "locked", "stale", "revoked", "present", "absent", "mandatory",
      "optional", "hidden", "masked", "redacted", "undefined", "unknown", "malformed", "rotated",
      "refreshed", "accepted", "rejected", "denied", "used", "reused", "compromised", "short", "long",
      "updated", "saved", "stored", "sent", "verified", "unverified", "configured", "provided", "due",
      "about", "going", "only", "also", "never", "always", "in", "for", "of", "to", "and", "or", "but",
      "older", "newer", "longer", "shorter", "valid.", "invalid.", "incorrect.", "expired.");

  private CredentialPhrases() {}

  static ScrubRule rule() {
    return new ScrubRule(KIND, Triggers.of(Triggers.CREDENTIAL_PHRASES),
        Pattern.compile("(?i)(?<![A-Za-z0-9_])(?:password|passwd|passphrase|pwd|secret|token|api[ _-]?key)"
            + "[ \\t]++(?:(is|was)[ \\t]++)?+['\"]?+([^\\s'\",;]{4,128}+)"),
        CredentialPhrases::secretGroup, MatchStarts::credentialWord);
  }

  private static int secretGroup(MatchResult match) {
    String word = match.group(2);
    if (word.startsWith(ScrubRule.MARKER_PREFIX)) {
      return -1;
    }
    if (match.group(1) != null) {
      return STATUS_WORDS.contains(word.toLowerCase(Locale.ROOT)) ? -1 : 2;
    }
    return word.length() >= MIN_BARE_LENGTH && looksGenerated(word) ? 2 : -1;
  }

  /** A bare credential (no {@code is}) is at least this long: {@code token page-7}, {@code token 10ms} stay. */
  static final int MIN_BARE_LENGTH = 8;

  /** Letters beside digits or symbols: {@code hunter2Xy}, {@code Tr0ub4dor&3}; not {@code reset} or {@code 42}. */
  static boolean looksGenerated(String word) {
    boolean letter = false;
    boolean other = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (c != '.' && c != '-' && c != '_' && c != '(' && c != ')' && c != '[' && c != ']') {
        other = true;
      }
    }
    return letter && other && !word.startsWith("{") && !word.startsWith("/");
  }
}
