package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The features pass that takes letter and digit runs in inner loops and measures the hex run
 * apart (ADR 0055) computes every feature exactly as the per-character pass did
 * ({@link PerCharacterTextFeatures}), so no trigger can change; and the hex run, now read only
 * when the longest word run allows it, is never longer than that run.
 */
class TextFeaturesProperties {

  private final FastPathEquivalenceProperties texts = new FastPathEquivalenceProperties();

  @Property(tries = 3000)
  void sameFeaturesOnMixedText(@ForAll("mixedText") String text) {
    assertSameFeatures(text);
  }

  @Property(tries = 3000)
  void sameFeaturesOnNoise(@ForAll("noise") String text) {
    assertSameFeatures(text);
  }

  @Property(tries = 3000)
  void sameFeaturesOnRunsOfEveryClass(@ForAll("runs") String text) {
    assertSameFeatures(text);
  }

  @Test
  void sameFeaturesOnTheBenignCorpusAndEdges() throws IOException {
    for (String line : BenignCorpusTest.benignLines()) {
      assertSameFeatures(line);
    }
    for (String edge : new String[] {"", "1", "a", "DE89", "DE8", "D89", "xDE89", "E89", "12", "AB12",
        "AB1", "A", "-", "/", "+", "9.", "1.2", "::", "a://b", "4111 1111-1111 1111", "(415) 555.0132",
        "whsec_AAAAAAAAAAAAAABBCDE", "sk_", "éa1", "\uD83D\uDE00", "pas", "pass", "api_", "Api key"}) {
      assertSameFeatures(edge);
    }
  }

  @Provide
  Arbitrary<String> mixedText() {
    return texts.mixedText();
  }

  @Provide
  Arbitrary<String> noise() {
    return texts.noise();
  }

  /** Runs of capitals, letters, digits and separators, where the run counters change. */
  @Provide
  Arbitrary<String> runs() {
    Arbitrary<String> run = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(4),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withChars("abcdefABCDEF").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withChars(" -.()_+/=:@<~$\t\u00e9\u00a0").ofMinLength(1).ofMaxLength(3),
        Arbitraries.of("sk_live_", "ghp_", "AKIA", "glpat-", "whsec_", "xoxb-", "pass", "tok", "api_k",
            "sec", "pwd", "Bearer", "-----BEGIN "));
    return run.list().ofMaxSize(16).map(parts -> String.join("", parts));
  }

  private static void assertSameFeatures(String text) {
    TextFeatures actual = TextFeatures.of(text);
    assertThat(actual.longestHexRun()).as("hex run of %s", text).isLessThanOrEqualTo(actual.longestWordRun);
    PerCharacterTextFeatures expected = PerCharacterTextFeatures.of(text);
    assertThat(new Object[] {actual.hasAt, actual.hasEquals, actual.hasSchemeSeparator,
        actual.hasDoubleColon, actual.hasAngleBracket, actual.hasPlus, actual.hasIbanStart,
        actual.colons, actual.digitDots, actual.longestWordRun, actual.longestHexRun(),
        actual.longestBase64Run, actual.mostGroupedDigits, actual.mostPhoneDigits,
        actual.wordStartLetters, actual.hasCredentialHead, actual.hasVendorKeyStart})
        .as("features of %s", text)
        .containsExactly(expected.hasAt, expected.hasEquals, expected.hasSchemeSeparator,
            expected.hasDoubleColon, expected.hasAngleBracket, expected.hasPlus,
            expected.hasIbanStart, expected.colons, expected.digitDots, expected.longestWordRun,
            expected.longestHexRun, expected.longestBase64Run, expected.mostGroupedDigits,
            expected.mostPhoneDigits, expected.wordStartLetters, expected.hasCredentialHead,
            expected.hasVendorKeyStart);
  }
}
