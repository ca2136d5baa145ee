package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Secrets of every kind, embedded anywhere in realistic log text, never survive a scrub. */
class ScrubbingProperties {

  /** A text to embed, and the parts of it that must not survive scrubbing. */
  record Secret(String text, List<String> sensitive) {
    static Secret whole(String text) {
      return new Secret(text, List.of(text));
    }
  }

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Property(tries = 2000)
  void noSecretSurvivesWhereverItSits(@ForAll("textWithSecret") TextWithSecret sample) {
    String scrubbed = policy.scrub(sample.text());

    for (String sensitive : sample.secret().sensitive()) {
      assertThat(scrubbed).as("scrubbed %s", sample.text()).doesNotContain(sensitive);
      for (int i = 0; sensitive.length() >= 16 && i + 12 <= sensitive.length(); i++) {
        assertThat(scrubbed).as("fragment of %s", sensitive)
            .doesNotContain(sensitive.substring(i, i + 12));
      }
    }
  }

  @Property(tries = 2000)
  void scrubbingTwiceChangesNothingMore(@ForAll("textWithSecret") TextWithSecret sample) {
    String once = policy.scrub(sample.text());

    assertThat(policy.scrub(once)).isEqualTo(once);
  }

  @Property(tries = 2000)
  void scrubbingTwiceChangesNothingMoreEvenForNoise(@ForAll("noise") String noise) {
    String once = policy.scrub(noise);

    assertThat(policy.scrub(once)).isEqualTo(once);
  }

  @Property(tries = 2000)
  void benignTextComesBackAsTheSameInstance(@ForAll("benignText") String text) {
    assertThat(policy.scrub(text)).isSameAs(text);
  }

  record TextWithSecret(String text, Secret secret) {}

  @Provide
  Arbitrary<TextWithSecret> textWithSecret() {
    Arbitrary<String> wrapping = Arbitraries.of("%s", "(%s)", "%s,", "<%s>", "%s.", "[%s]",
        "\"%s\"", "'%s'", "%s;");
    return Combinators.combine(benignTokens(), secret(), wrapping, Arbitraries.integers().between(0, 40))
        .as((tokens, secret, wrap, position) -> {
          List<String> words = new ArrayList<>(tokens);
          words.add(position % (words.size() + 1), wrap.formatted(secret.text()));
          return new TextWithSecret(String.join(" ", words), secret);
        });
  }

  @Provide
  Arbitrary<String> benignText() {
    return benignTokens().map(tokens -> String.join(" ", tokens));
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> chunk = Arbitraries.oneOf(
        Arbitraries.strings().withChars("aAfFxX09 :.@=/-_\"'[]{}+;,").ofMaxLength(12),
        Arbitraries.of("[REDACTED:", "]", "://", "password", "Bearer ", "eyJ", "AKIA", "::",
            "4111", "1111", "token=", "\": \"", "0x", "sk-", "ghp_", "[TRUNCATED]"),
        secret().map(Secret::text));
    return chunk.list().ofMaxSize(12).map(chunks -> String.join("", chunks));
  }

  private Arbitrary<List<String>> benignTokens() {
    Arbitrary<String> word = Arbitraries.of("GET", "POST", "request", "completed", "user",
        "orders", "failed", "retrying", "cache", "miss", "ok", "status", "in", "after",
        "connection", "reset", "by", "peer", "deploy", "network", "template", "tier", "zip",
        "shipping", "tokens", "session-less", "the", "a", "of", "to", "from", "Bearer-less");
    Arbitrary<String> smallNumber = Arbitraries.integers().between(0, 999).map(String::valueOf);
    Arbitrary<String> duration = Arbitraries.integers().between(1, 99_999).map(n -> n + "ms");
    Arbitrary<String> path = Arbitraries.of("users", "orders", "health", "items", "v2")
        .list().ofMinSize(1).ofMaxSize(4)
        .map(parts -> "/api/v1/" + String.join("/", parts));
    Arbitrary<String> timestamp = Combinators.combine(
            Arbitraries.integers().between(2000, 2099), Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28), time())
        .as((y, mo, d, t) -> "%04d-%02d-%02dT%sZ".formatted(y, mo, d, t));
    Arbitrary<String> version = Arbitraries.integers().between(0, 30).list().ofSize(3)
        .map(parts -> parts.get(0) + "." + parts.get(1) + "." + parts.get(2));
    // Ids stay under the thresholds: 12 hex characters cannot be a card (13 digits) or a hex
    // secret (32). Longer all-digit ids are card candidates, redacted when they pass Luhn.
    Arbitrary<String> shortId = Arbitraries.strings().withChars("0123456789abcdef")
        .ofMinLength(4).ofMaxLength(12).map(hex -> "req-" + hex);
    Arbitrary<String> benignPair = Combinators.combine(
            Arbitraries.of("status", "retry", "route", "attempt", "tokens_total", "tier"),
            Arbitraries.of("=", ": "), smallNumber)
        .as((key, separator, value) -> key + separator + value);
    return Arbitraries.oneOf(word, word, word, smallNumber, duration, path, timestamp, time(),
            version, shortId, benignPair)
        .list().ofMaxSize(20);
  }

  private static Arbitrary<String> time() {
    return Combinators.combine(Arbitraries.integers().between(0, 23),
            Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 59))
        .as((h, m, s) -> "%02d:%02d:%02d".formatted(h, m, s));
  }

  private Arbitrary<Secret> secret() {
    return Arbitraries.oneOf(email(), ipv4(), ipv6(), jwt(), accessKey(), card(),
        urlCredentials(), credentialPair(), bearer(), longHex());
  }

  private static Arbitrary<String> alnum(int min, int max) {
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

  private static Arbitrary<Secret> longHex() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(32).ofMaxLength(64)
        .map(Secret::whole);
  }
}
