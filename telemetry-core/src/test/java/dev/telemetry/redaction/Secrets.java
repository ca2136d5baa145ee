package dev.telemetry.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of realistic secrets of every kind the scrubber knows, for property tests. */
public final class Secrets {
  private Secrets() {}

  /** A text to embed, and the parts of it that must not survive scrubbing. */
  public record Secret(String text, List<String> sensitive) {
    public static Secret whole(String text) {
      return new Secret(text, List.of(text));
    }
  }

  /** A secret of any kind. */
  public static Arbitrary<Secret> any() {
    return Arbitraries.oneOf(email(), ipv4(), ipv6(), jwt(), accessKey(), card(),
        urlCredentials(), credentialPair(), bearer(), longHex());
  }

  static Arbitrary<String> alnum(int min, int max) {
    return Arbitraries.strings().alpha().numeric().ofMinLength(min).ofMaxLength(max);
  }

  /** A random value that contains a digit, so it cannot collide with the benign vocabulary. */
  private static Arbitrary<String> opaque(int min, int max) {
    return Combinators.combine(alnum(min - 1, max - 1), Arbitraries.integers().between(0, 9))
        .as((text, digit) -> text + digit);
  }

  private static Arbitrary<Secret> email() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+-")
        .ofMinLength(1).ofMaxLength(20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<String> domain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2)
        .ofMaxLength(12);
    Arbitrary<String> tld = Arbitraries.of("com", "org", "io", "dev", "co.uk", "museum");
    return Combinators.combine(local, domain, tld)
        .as((l, d, t) -> Secret.whole("u" + l + "@" + d + "." + t));
  }

  private static Arbitrary<Secret> ipv4() {
    return Arbitraries.integers().between(0, 255).list().ofSize(4)
        .map(o -> Secret.whole(o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)));
  }

  private static Arbitrary<Secret> ipv6() {
    Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF")
        .ofMinLength(1).ofMaxLength(4);
    Arbitrary<Secret> full = group.list().ofSize(8).map(g -> Secret.whole(String.join(":", g)));
    Arbitrary<Secret> compressed = Combinators.combine(
            group.list().ofMaxSize(3), group.list().ofMaxSize(3))
        .filter((left, right) -> left.size() + right.size() >= 1)
        .as((left, right) -> Secret.whole(String.join(":", left) + "::" + String.join(":", right)));
    return Arbitraries.oneOf(full, compressed);
  }

  private static Arbitrary<Secret> jwt() {
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    Arbitrary<String> header = Arbitraries.of("HS256", "RS256", "ES256")
        .map(alg -> "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    return Combinators.combine(header, alnum(1, 20), opaque(20, 86))
        .as((h, subject, signature) -> Secret.whole(
            base64url.encodeToString(h.getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(("{\"sub\":\"" + subject + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
                + "." + signature));
  }

  private static Arbitrary<Secret> accessKey() {
    Arbitrary<String> upperDigits = Arbitraries.strings().withCharRange('A', 'Z')
        .withCharRange('0', '9').ofLength(16);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("AKIA", "ASIA"), upperDigits).as(String::concat),
        alnum(35, 35).map("AIza"::concat),
        alnum(36, 36).map("ghp_"::concat),
        alnum(22, 60).map("github_pat_"::concat),
        alnum(24, 40).map("xoxb-1234567890-"::concat),
        alnum(24, 40).map("sk_live_"::concat),
        alnum(24, 40).map("rk_live_"::concat),
        alnum(32, 48).map("sk-"::concat))
        .map(Secret::whole);
  }

  private static Arbitrary<Secret> card() {
    Arbitrary<String> visaOrMastercard = Combinators.combine(Arbitraries.of("4", "51", "55", "2221"),
            Arbitraries.strings().numeric().ofLength(14))
        .as((prefix, body) -> withLuhnDigit((prefix + body).substring(0, 15)));
    Arbitrary<String> grouped = Combinators.combine(visaOrMastercard, Arbitraries.of("", " ", "-"))
        .as((digits, separator) -> String.join(separator,
            digits.substring(0, 4), digits.substring(4, 8), digits.substring(8, 12),
            digits.substring(12)));
    Arbitrary<String> amex = Combinators.combine(Arbitraries.of("34", "37"),
            Arbitraries.strings().numeric().ofLength(12), Arbitraries.of("", " ", "-"))
        .as((prefix, body, separator) -> {
          String digits = withLuhnDigit(prefix + body);
          return String.join(separator, digits.substring(0, 4), digits.substring(4, 10),
              digits.substring(10));
        });
    return Arbitraries.oneOf(grouped, amex).map(Secret::whole);
  }

  private static String withLuhnDigit(String body) {
    for (int check = 0; check <= 9; check++) {
      if (CardNumbers.passesLuhn(body + check)) {
        return body + check;
      }
    }
    throw new AssertionError("some check digit always passes Luhn");
  }

  private static Arbitrary<Secret> urlCredentials() {
    return Combinators.combine(Arbitraries.of("https", "postgres", "redis", "amqp"),
            alnum(3, 10), opaque(8, 20), Arbitraries.of("db.internal", "example.com:5432"))
        .as((scheme, user, password, host) -> new Secret(
            scheme + "://" + user + ":" + password + "@" + host + "/path",
            List.of(user + ":" + password, password)));
  }

  private static Arbitrary<Secret> credentialPair() {
    Arbitrary<String> key = Arbitraries.of("password", "passwd", "pwd", "api_key", "apiKey",
        "client_secret", "access_token", "X-Api-Key", "secret", "refreshToken", "session_id");
    Arbitrary<String> format = Arbitraries.of("%s=%s", "%s: %s", "%s = %s", "\"%s\": \"%s\"",
        "'%s':'%s'", "%s=\"%s\"");
    return Combinators.combine(key, format, opaque(8, 24))
        .as((k, f, value) -> new Secret(f.formatted(k, value), List.of(value)));
  }

  private static Arbitrary<Secret> bearer() {
    Arbitrary<String> token = Arbitraries.strings().alpha().numeric().withChars("._-~+/")
        .ofMinLength(19).ofMaxLength(60).map(t -> t + "7");
    return Combinators.combine(Arbitraries.of("Bearer ", "bearer ", "Authorization: Bearer "),
            token)
        .as((prefix, t) -> new Secret(prefix + t, List.of(t)));
  }

  /** Hex keys; 32, 40 and 64 characters in one case are ids and digests and are kept. */
  private static Arbitrary<Secret> longHex() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(33).ofMaxLength(80)
        .filter(hex -> hex.length() != 40 && hex.length() != 64)
        .map(Secret::whole);
  }
}
