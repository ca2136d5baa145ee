package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.redaction.reference.ReferenceScrubber;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The proof that the candidate scan (ADR 0052) is safe: the fast gate gives exactly the output
 * of the straightforward one, which tries every pattern at every position ({@link
 * ReferenceScrubber}, the scrubber as it was, kept verbatim in the test sources), on generated
 * text that mixes benign words, secrets of every kind, near-misses and noise, and on every line
 * of the benign corpus.
 */
class FastPathEquivalenceProperties {

  private final RedactionPolicy policy = RedactionPolicy.defaults();
  private final ReferenceScrubber reference = new ReferenceScrubber(true, true);
  private final RedactionPolicy withoutIbansAndPhones =
      RedactionPolicy.builder().scrubIbans(false).scrubPhoneNumbers(false).build();
  private final ReferenceScrubber referenceWithoutIbansAndPhones = new ReferenceScrubber(false, false);

  @Property(tries = 3000)
  void fastGateEqualsPatternsEverywhere(@ForAll("mixedText") String text) {
    assertThat(policy.scrub(text)).as("scrub of %s", text).isEqualTo(reference.scrub(text));
  }

  @Property(tries = 1000)
  void fastGateEqualsPatternsEverywhereWithoutIbansAndPhones(@ForAll("mixedText") String text) {
    assertThat(withoutIbansAndPhones.scrub(text)).as("scrub of %s", text)
        .isEqualTo(referenceWithoutIbansAndPhones.scrub(text));
  }

  @Property(tries = 2000)
  void fastGateEqualsPatternsEverywhereOnNoise(@ForAll("noise") String text) {
    assertThat(policy.scrub(text)).as("scrub of %s", text).isEqualTo(reference.scrub(text));
  }

  @Test
  void fastGateEqualsPatternsEverywhereOnTheBenignCorpus() throws IOException {
    for (String line : BenignCorpusTest.benignLines()) {
      assertThat(policy.scrub(line)).as("scrub of %s", line).isEqualTo(reference.scrub(line));
    }
  }

  @Test
  void fastGateEqualsPatternsEverywhereOnNearMisses() {
    for (String fragment : NEAR_MISSES) {
      for (String text : List.of(fragment, "x " + fragment + " y", "a:" + fragment, fragment + fragment,
          "(" + fragment + ")", "-" + fragment + ".", fragment + "@example.com")) {
        assertThat(policy.scrub(text)).as("scrub of %s", text).isEqualTo(reference.scrub(text));
      }
    }
  }

  /** Shapes at the edge of each pattern's head, where a candidate scan could miss a start. */
  private static final List<String> NEAR_MISSES = List.of(
      "mysql -u root -pS3cret", "mariadb -p'S3 cret'", "mysql -password", "curl -u admin:pw1",
      "curl --user=admin:hunter2", "curl ---user a:b", "wget -uX:y", "Basic dXNlcjpwYXNzd29yZA==",
      "BASIC YWxpY2U6c2VjcmV0", "xbasic dXNlcjpwYXNz", "Bearer abcdefghijklmnop1234",
      "bearer_abcdefghijklmnop", "BEARER\tAbCdEfGhIjKlMnOpQrStUv", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
      "1234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1", "12345678901:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
      "MTA0Mjk3NjA1NDg4NzY3NjgwMQ.GkqP3h.abcdefghijklmnopqrstuvwxyz12345",
      "NzkyNzE1NDU0MTk2MDg4ODQy.X-hvzA.Ovy4MCQywSkoMRRclStW4xAYK7I", "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e",
      "00:1A:2B:3C:4D", "a00:1A:2B:3C:4D:5E", "123-45-6789", "000-12-3456", "666-12-3456", "1234-56-7890",
      "DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "XDE89370400440532013000",
      "+44 20 7946 0958", "(415) 555-0132", "415-555-0132", "020 7946 0958", "06 12 34 56 78",
      "07700 900123", "+1", "a+44 20 7946 0958", "http://10.0.0.1/x", "Chrome/131.0.0.0",
      "/login/10.0.0.7", "999.1.1.1", "1.2.3", "v1.2.3.4", "10.0.0.7.", "a(Chrome/1.2.3.4", "x;ab/1.2.3.4",
      "abcdefghijklmnopqrstu/1.2.3.4", "abcdefghijklmnopqrst/1.2.3.4", " a/1.2.3.4", "Ab1/1.2.3.4",
      "\u000BAb/10.0.0.1", "\u00A0Ab/10.0.0.1", "é/1.2.3.4", "01.2.3.4", "1.2.3.04", "255.255.255.255",
      "256.1.1.1", "1.2.3.4.5", "1.2.3.4a", "1.2.3.4.a", "1.2.3.4567", "1.2.3.4/x", "0.0.0.0eyJ",
      "4111 1111 1111 1111",
      "4111-1111-1111-1111 123", "378282246310005", "3782 822463 10005", "5555555555554444",
      "x4111111111111111", "0x4f3c2a1b9e8d7c6b5a4f3c2a1b9e8d7c6b5a4f3c", "4F3C2A1B9E8D7C6B5A4F3C2A1B9E8D7C6",
      "d41d8cd98f00b204e9800998ecf8427e", "password is hunter2", "Password was incorrect",
      "PASSWD Tr0ub4dor&3x", "api key AbC123xYz789Qq", "api_key   sk_q1w2e3r4t5y6u7", "apikey Zz9Yy8Xx7Ww6",
      "token page-7", "secret 7CE556A3BC11", "xpassword hunter2Xy9", "_token abcdefgh123",
      "postgres://admin:s3cr3t@db.internal/app", "x://u:p@h", "a+b.c-d://user:pw@host",
      "s://u:p@a@b/c", "s://u:@h", "s://:p@h", "s://u:p@", "s://u:p@h?x@y", "s://u p:q@h", "s://[::1]:p@h",
      "s://u:p#@h", "abcdefghijklmnopqrstuvwxyzabcdef://u:p@h", "https://[TRUNCATED]:p@h", "+s://u:p@h",
      "s://u:p\t@h", "s://u:" + "a".repeat(511) + "@h", "s://u:" + "a".repeat(512) + "@h@i",
      "s://u:" + "a".repeat(510) + "@" + "b".repeat(20) + "@h",
      "abcdefghijklmnopqrstuvwxyzabcdefghij://u:p@h", "1http://u:p@h", "https://[REDACTED:x]:p@h",
      "bob@example.com", "иван.петров71@почта.рф", "jürgen.weiß41@münchen-bücher.de",
      "\uD835\uDCB3\uD835\uDCB4@example.com", "\uD83D\uDE00smile@example.com", "a\uDC00b@example.com",
      "\uD835@example.com", "conor61.o'brien@example.ie", "x@y", "@example.com", "a@@b.com",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlF", "xeyJhbGciOiJIUzI1NiJ9.e30.x",
      "eyJ0123456789.ab.c", "eyJ012345678.ab.c", "eyJ0123456789.a.c", "eyJ0123456789.ab", "eyJ0123456789.ab.",
      "_eyJ0123456789.ab.c", ".eyJ0123456789.ab.c", "eyJeyJ0123456789.ab.c", "eyJ0123456789..ab.c", "EYJ0123456789.ab.c",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----whsec_AAAAAAAAAAAAAABBCDEGaJFKILbHw2-",
      "AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL",
      "x.AKIAIOSFODNN7EXAMPLE", "a/ghp_abcdefghijklmnopqrstuvwxyz0123456789", "éAKIAIOSFODNN7EXAMPLE",
      "_AKIAIOSFODNN7EXAMPLE", "9AKIAIOSFODNN7EXAMPLE", "re_abcdefghij12345678901234", "re_abc.def/ghi=jkl",
      "SK0123456789abcdef0123456789abcdef", "SK0123456789abcdef", "glpat-xYz12AbCdEfGhIjKlMnO",
      "secret_abc", "xoxb-1234567890", "sk-", "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
      "fe80::1%eth0", "peer:2600:1f18:4a3:6a00::a149", "10:15:30", "std::vector",
      "AKIAIOSFODNN7EXAMPLE", "glpat-xYz12AbCdEfGhIjKlMnO", "[REDACTED:email]", "[TRUNCATED]",
      // Third step (ADR 0055): the phone, card and credential-phrase scans ask for more of the head.
      "0612345678", "06.12.34.56.78", "0 12 34 56 78", "01234 567890", "012 345 6789", "415.555.0132",
      "41-555-0132", "4155-55-0132", "(415)555-0132", "+1 415 555 0132", "+0 415 555 0132", "15:30 020 7946 0958",
      "2026-11-23 415-555-0132", "4111-1111-1111-1111", "411 1111 1111 1111", "4111 111 1111 1111",
      "6011-1111-1111-1117", "3782-822463-10005", "2223000048400011", "222300004840001", "a4111 1111 1111 1111",
      "password\thunter2Xy9", "PASSPHRASE is s3cr3tpass", "api-key Zz9Yy8Xx7Ww6q", "apikey\tAbc123xyz9", "api key\t1234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
      "Api_Key  was Zz9Yy8Xx", "pwd hunter2Xy9", "secret=abc", "password=hunter2 password hunter2Xy9",
      "tokens abcd1234efg", "passwordx hunter2Xy9", "pass hunter2Xy9", "api key", "token\t\tis S3cr3tXyz");

  @Provide
  Arbitrary<String> mixedText() {
    Arbitrary<String> fragment = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Secrets.any().map(Secrets.Secret::text)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(NEAR_MISSES)),
        net.jqwik.api.Tuple.of(4, benignWord()),
        net.jqwik.api.Tuple.of(2, noiseChunk()));
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "", ":", "=", "/", "\t", "\n", ", ",
        "@", ".", "-", "_", "://", "\"", "'");
    return Combinators.combine(fragment.list().ofMinSize(1).ofMaxSize(8),
            separator.list().ofSize(8))
        .as((fragments, separators) -> {
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < fragments.size(); i++) {
            text.append(fragments.get(i)).append(separators.get(i));
          }
          return text.toString();
        });
  }

  @Provide
  Arbitrary<String> noise() {
    return noiseChunk().list().ofMaxSize(12).map(chunks -> String.join("", chunks));
  }

  private static Arbitrary<String> benignWord() {
    return Arbitraries.of("GET", "request", "completed", "status=200", "route=/api/v1/users/{id}",
        "duration=250ms", "cache:miss", "2026-11-23T10:15:30Z", "10:15:30", "v1.2.3", "zip",
        "pipeline", "session-less", "tokens_total=4", "password_length=12", "Method.java:118)",
        "\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod",
        "SELECT o.id FROM orders o WHERE o.status = ?", "user-agent Mozilla/5.0 Chrome/131.0.0.0",
        "550e8400-e29b-41d4-a716-446655440000", "4bf92f3577b34da6a3ce929d0e0e4736", "1732871730123",
        "orders-7d9f8b6c5d-x2kqp", "TLS_AES_128_GCM_SHA256", "/reports-archive/2026/11");
  }

  private static Arbitrary<String> noiseChunk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("aAfFxXMNOpPsStT09 :.@=/-_\"'[]{}+;,()%<>\t").ofMaxLength(12),
        Arbitraries.strings().withChars("0123456789 -.:+()").ofMaxLength(24),
        Arbitraries.strings().withChars("abcdefABCDEF0123456789:-").ofMaxLength(40),
        Arbitraries.strings().withChars("éßжπ中\uD835\uDCB3\uD83D\uDE00\u0301.'%+@-_a1").ofMaxLength(16),
        Arbitraries.strings().alpha().numeric().withChars("+/=_-").ofMinLength(18).ofMaxLength(48),
        Arbitraries.of("[REDACTED:", "]", "://", "password", "Bearer ", "Basic ", "eyJ", "AKIA", "::",
            "4111", "1111", "token=", "\": \"", "0x", "sk-", "ghp_", "[TRUNCATED]", "-----BEGIN ",
            "-p", "-u ", "--user ", "mysql", "hooks.slack.com/services/", "secret ", "api key ",
            "is ", "was "));
  }
}
