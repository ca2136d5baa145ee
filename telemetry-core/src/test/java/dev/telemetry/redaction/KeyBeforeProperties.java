package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ForbiddenFieldNames#keyBefore} (ADR 0060) walks a key backwards once and gives the start
 * and the prefilter verdict that the two forward reads gave before it: the walk-back over key
 * characters (at most 64) and the Aho-Corasick prefilter over {@code text[start, end)}.
 */
class KeyBeforeProperties {

  private static final int MAX_KEY = 64;

  private final ForbiddenFieldNames defaults = ForbiddenFieldNames.defaults();
  private final ForbiddenFieldNames extra =
      ForbiddenFieldNames.withExtra(List.of("tenant_secret_id", "x9", "пароль", "zq"));
  private final FastPathEquivalenceProperties texts = new FastPathEquivalenceProperties();

  @Property(tries = 3000)
  void sameStartAndVerdictAtEveryEnd(@ForAll("keyText") String text) {
    for (int end = 0; end <= text.length(); end++) {
      assertSame(defaults, text, end);
      assertSame(extra, text, end);
    }
  }

  @Property(tries = 1000)
  void sameStartAndVerdictInMixedText(@ForAll("mixedText") String text) {
    for (int end = 0; end <= text.length(); end++) {
      assertSame(defaults, text, end);
    }
  }

  @Test
  void sameStartAndVerdictOnTheBenignCorpusAndEdges() throws IOException {
    List<String> edges = List.of("status=200", "PGPASSWORD=x", "db.password=", "x_api-key:",
        "cache:sessionid=", "pass", "ssap", "drowssap", "a".repeat(63) + "password", "a".repeat(70) + "token",
        "token" + "a".repeat(70), "tokenx".repeat(12), "x-Api.Key", "ip", "zip", "pi", "ÿtoken", "tokenÿ",
        "[REDACTED:credential]", "tenant-secret-id", "passwor d");
    for (String text : edges) {
      for (int end = 0; end <= text.length(); end++) {
        assertSame(defaults, text, end);
        assertSame(extra, text, end);
      }
    }
    for (String line : BenignCorpusTest.benignLines()) {
      for (int end = 0; end <= line.length(); end++) {
        assertSame(defaults, line, end);
      }
    }
  }

  @Test
  void aLongKeyIsReadFromItsLastSixtyFourCharacters() {
    String key = "password" + "a".repeat(60);
    int result = defaults.keyBefore(key, key.length(), MAX_KEY);
    assertThat(result >>> 1).isEqualTo(key.length() - MAX_KEY);
    // "password" starts 4 characters before the window, and "sword" spells no phrase.
    assertThat(result & 1).isZero();
    assertThat(defaults.keyBefore("xpassword", 9, MAX_KEY) & 1).isEqualTo(1);
  }

  private static void assertSame(ForbiddenFieldNames names, String text, int end) {
    int start = end;
    while (start > 0 && end - start < MAX_KEY && CredentialPairs.isKeyCharacter(text.charAt(start - 1))) {
      start--;
    }
    boolean may = names.mayContainPhrase(text, start, end);
    int result = names.keyBefore(text, end, MAX_KEY);
    assertThat(result >>> 1).as("key start before %d in %s", end, text).isEqualTo(start);
    assertThat((result & 1) != 0).as("prefilter for %s", text.substring(start, end)).isEqualTo(may);
  }

  @Provide
  Arbitrary<String> mixedText() {
    return texts.mixedText();
  }

  /** Keys built from phrase pieces, reversed phrases, separators and noise. */
  @Provide
  Arbitrary<String> keyText() {
    Arbitrary<String> part = Arbitraries.oneOf(
        Arbitraries.of("pass", "word", "password", "drowssap", "token", "nekot", "api", "key", "ip",
            "session", "id", "secret", "sec", "ret", "x9", "zq", "qz", "tenant", "Pass", "WORD", "TOKEN",
            "cred", "ential", "jwt", "otp", "sig", "sas", "dsn", "pwd", "ssn"),
        Arbitraries.strings().withChars("_.-").ofMinLength(1).ofMaxLength(2),
        Arbitraries.strings().withChars("=: \"'<>/ÿп").ofMinLength(1).ofMaxLength(2),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(20).ofMaxLength(70));
    return part.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
  }
}
