package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

  private static final String SALT = "telemetry-test-salt-0001";
  private static final String EXPECTED_USER_42 = "6a6b868a6543547eb44c2a74621d9fd5";

  private final RedactionPolicy policy = RedactionPolicy.builder().pseudonymSalt(SALT).build();

  @Test
  void givesTheDocumentedHmacSha256PrefixAsLowercaseHex() {
    // HMAC-SHA256(key = "telemetry-test-salt-0001", "user-42"), first 16 bytes; computed
    // independently with: printf 'user-42' | openssl dgst -sha256 -hmac telemetry-test-salt-0001
    assertThat(policy.pseudonymize("user-42")).isEqualTo(EXPECTED_USER_42);
  }

  @Test
  void isStableForOneSaltAcrossPolicies() {
    RedactionPolicy again = RedactionPolicy.builder().pseudonymSalt(SALT).build();

    assertThat(again.pseudonymize("user-42")).isEqualTo(policy.pseudonymize("user-42"));
  }

  @Test
  void differsBetweenSaltsAndBetweenIds() {
    RedactionPolicy other = RedactionPolicy.builder().pseudonymSalt("telemetry-test-salt-0002")
        .build();

    assertThat(other.pseudonymize("user-42")).isNotEqualTo(policy.pseudonymize("user-42"));
    assertThat(policy.pseudonymize("user-43")).isNotEqualTo(policy.pseudonymize("user-42"));
  }

  @Test
  void neverReturnsTheIdAndAlwaysHas32HexCharacters() {
    for (String id : List.of("", "user-42", "bob@example.com", "ü-ñ-漢字")) {
      assertThat(policy.pseudonymize(id)).isNotEqualTo(id).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void givesTheSameResultsFromManyThreadsAtOnce() throws Exception {
    List<String> ids = IntStream.range(0, 2_000).mapToObj(i -> "user-" + i).toList();
    List<String> expected = ids.stream().map(policy::pseudonymize).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> ids.stream().map(policy::pseudonymize).toList());
      }
      List<List<String>> results = new ArrayList<>();
      for (Future<List<String>> future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }

      assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(expected));
      Set<String> distinct = expected.stream().collect(Collectors.toSet());
      assertThat(distinct).hasSize(ids.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
