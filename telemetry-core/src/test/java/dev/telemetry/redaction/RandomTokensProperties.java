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
 * {@link RandomTokens} reading each run once (ADR 0055) redacts exactly what it did when it read
 * a run up to four times and judged a run without a slash twice ({@link PerPassRandomTokens}).
 */
class RandomTokensProperties {

  private final RandomTokens fused = new RandomTokens();
  private final PerPassRandomTokens perPass = new PerPassRandomTokens();
  private final FastPathEquivalenceProperties texts = new FastPathEquivalenceProperties();

  @Property(tries = 3000)
  void sameVerdictOnTokenLikeRuns(@ForAll("tokenRuns") String text) {
    assertThat(fused.apply(text)).as("random tokens in %s", text).isEqualTo(perPass.apply(text));
  }

  @Property(tries = 2000)
  void sameVerdictOnMixedText(@ForAll("mixedText") String text) {
    assertThat(fused.apply(text)).as("random tokens in %s", text).isEqualTo(perPass.apply(text));
  }

  @Test
  void sameVerdictOnTheBenignCorpusAndEdges() throws IOException {
    for (String line : BenignCorpusTest.benignLines()) {
      assertThat(fused.apply(line)).as("random tokens in %s", line).isEqualTo(perPass.apply(line));
    }
    for (String edge : new String[] {"ServletInvocableHandlerMethod", "TLS_AES_128_GCM_SHA256",
        "orders-7d9f8b6c5d-x2kqp", "abcdefghijklmnopq-ab-cd", "abcdefghijklmnop-ab-cd9X",
        "550e8400-e29b-41d4-a716-446655440000", "4bf92f3577b34da6a3ce929d0e0e4736",
        "/api/customers/ZRsTDQk3x9Pq7Lm2Vn8Bw4Yt/orders", "ZRsTDQk3x9Pq7Lm2Vn8Bw4Yt/abc",
        "reports-archive/2026/11/aB3dE5gH7jK9mN1pQ3sT", "aB3dE5gH7jK9mN1pQ3sT==", "aB3dE5gH7jK9mN1pQ3s",
        "[REDACTED:aB3dE5gH7jK9mN1pQ3sTuV]", "ab_CD_ef_GH_ij_KL_mn_OP", "AB-CD-EF-ab-cd-ef-12-34"}) {
      assertThat(fused.apply(edge)).as("random tokens in %s", edge).isEqualTo(perPass.apply(edge));
    }
  }

  @Provide
  Arbitrary<String> mixedText() {
    return texts.mixedText();
  }

  /** Runs of 15–60 characters built from the classes the verdict counts, joined by separators. */
  @Provide
  Arbitrary<String> tokenRuns() {
    Arbitrary<String> part = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(18),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(6),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
        Arbitraries.strings().withChars("-_/+=").ofMinLength(1).ofMaxLength(2),
        Arbitraries.of("Servlet", "Invocable", "Handler", "Method", "orders", "TLS", "AES", "[REDACTED:",
            "]", " ", ".", ":"));
    return part.list().ofMinSize(1).ofMaxSize(10).map(parts -> String.join("", parts));
  }
}
