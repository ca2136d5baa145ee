package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.redaction.Secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Secrets of every kind, embedded anywhere in realistic log text, never survive a scrub. */
class ScrubbingProperties {
  private static Arbitrary<String> alnum(int min, int max) {
    return Secrets.alnum(min, max);
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
    return Secrets.any();
  }
}
