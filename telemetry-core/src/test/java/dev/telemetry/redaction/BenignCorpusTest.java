package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The false-positive figure: the share of benign real-world lines (resource
 * {@code redaction/benign-log-lines.txt}: application logs, stack traces, SQL, URLs with ids,
 * UUIDs, trace ids, build output) that scrubbing changes, and the random-token threshold
 * checked against generated keys.
 */
class BenignCorpusTest {

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  static List<String> benignLines() throws IOException {
    try (InputStream in = BenignCorpusTest.class.getResourceAsStream("benign-log-lines.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
  }

  @Test
  void changesNoLineOfTheBenignCorpus() throws IOException {
    List<String> lines = benignLines();

    List<String> changed = lines.stream().filter(line -> !policy.scrub(line).equals(line))
        .map(line -> line + "  ->  " + policy.scrub(line)).toList();

    System.out.printf("benign corpus: %d of %d lines changed (%.1f%%)%n", changed.size(),
        lines.size(), 100.0 * changed.size() / lines.size());
    assertThat(lines).hasSizeGreaterThanOrEqualTo(100);
    assertThat(changed).isEmpty();
  }

  @Test
  void randomTokenThresholdCatchesGeneratedKeysOfEveryAlphabet() {
    Random random = new Random(13);
    String[] alphabets = {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"};
    int tried = 0;
    int missed = 0;
    for (String alphabet : alphabets) {
      for (int length = RandomTokens.MIN_LENGTH; length <= 64; length += 4) {
        for (int n = 0; n < 500; n++) {
          StringBuilder token = new StringBuilder();
          for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          tried++;
          missed += RandomTokens.isRandom(token.toString(), 0, length) ? 0 : 1;
        }
      }
    }
    System.out.printf("random tokens: %d of %d missed (%.2f%%)%n", missed, tried,
        100.0 * missed / tried);
    assertThat((double) missed / tried).isLessThan(0.02);
  }
}
