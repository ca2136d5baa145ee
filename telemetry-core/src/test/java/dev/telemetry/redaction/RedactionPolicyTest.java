package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionPolicyTest {

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Test
  void dropsForbiddenAttributesAndScrubsTheRestInTheirOrder() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("route", "/users/{id}");
    attributes.put("Authorization", "Bearer abcdefghijklmnop1234");
    attributes.put("error", "timeout talking to 10.1.2.3");
    attributes.put("user_id", "42");
    attributes.put("tokens_total", "512");
    attributes.put("zip", "90210");

    Map<String, String> filtered = policy.filterAttributes(attributes);

    assertThat(filtered).containsExactly(
        Map.entry("route", "/users/{id}"),
        Map.entry("error", "timeout talking to [REDACTED:ipv4]"),
        Map.entry("tokens_total", "512"),
        Map.entry("zip", "90210"));
  }

  @Test
  void returnsAnImmutableMapWithoutNullKeysOrValues() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(null, "x");
    attributes.put("status", null);
    attributes.put("method", "GET");

    Map<String, String> filtered = policy.filterAttributes(attributes);

    assertThat(filtered).containsExactly(Map.entry("method", "GET"));
    assertThatThrownBy(() -> filtered.put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(policy.filterAttributes(null)).isEmpty();
  }

  @Test
  void scrubsTheValuesOfHostForbiddenKeysInsideText() {
    RedactionPolicy custom = RedactionPolicy.builder().forbidFields("tenantRefCode").build();

    assertThat(custom.scrub("tenant_ref_code=abc123 retry=2"))
        .isEqualTo("tenant_ref_code=[REDACTED:credential] retry=2");
    assertThat(policy.scrub("tenant_ref_code=abc123")).isEqualTo("tenant_ref_code=abc123");
  }

  @Test
  void replacesCustomPatternsWithTheirKindBeforeTheBuiltInOnes() {
    RedactionPolicy custom = RedactionPolicy.builder()
        .scrubPattern("order_token", "ord_[a-z0-9]{8}")
        .scrubPattern("employee", "EMP-\\d{4}")
        .build();

    assertThat(custom.scrub("paid ord_ab12cd34 by EMP-0042 from 10.0.0.1"))
        .isEqualTo("paid [REDACTED:order_token] by [REDACTED:employee] from [REDACTED:ipv4]");
  }

  @Test
  void neverLetsACustomPatternRewriteAMarker() {
    RedactionPolicy custom = RedactionPolicy.builder()
        .scrubPattern("shouting", "[A-Z]{5,}")
        .build();

    String once = custom.scrub("HELLO from bob@example.com");

    assertThat(once).isEqualTo("[REDACTED:shouting] from [REDACTED:email]");
    assertThat(custom.scrub(once)).isEqualTo(once);
  }

  @Test
  void rejectsAKindOutsideLowercaseLettersDigitsAndUnderscores() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().scrubPattern("Order-Token", "x"))
        .withMessageContaining("kind 'Order-Token'")
        .withMessageContaining("[a-z0-9_]+");
  }

  @Test
  void rejectsARegexThatDoesNotCompileNamingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().scrubPattern("order", "ord_[a-z"))
        .withMessageContaining("regex 'ord_[a-z'")
        .withMessageContaining("kind 'order'")
        .withMessageContaining("does not compile");
  }

  @Test
  void rejectsARegexThatMatchesTheEmptyString() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().scrubPattern("digits", "\\d*"))
        .withMessageContaining("regex '\\d*'")
        .withMessageContaining("empty string");
  }

  @Test
  void rejectsAForbiddenFieldNameWithoutWords() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().forbidFields("ok", "--"))
        .withMessageContaining("forbidFields")
        .withMessageContaining("'--'");
  }

  @Test
  void rejectsASaltShorterThanSixteenBytesNamingTheRule() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().pseudonymSalt("too-short"))
        .withMessageContaining("pseudonymSalt")
        .withMessageContaining("at least 16 bytes")
        .withMessageContaining("got 9");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RedactionPolicy.builder().pseudonymSalt(new byte[15]))
        .withMessageContaining("got 15");
  }

  @Test
  void acceptsTheSaltOnlyOnce() {
    RedactionPolicy.Builder builder = RedactionPolicy.builder().pseudonymSalt(new byte[16]);

    assertThatIllegalStateException()
        .isThrownBy(() -> builder.pseudonymSalt("another-sixteen-byte-salt"))
        .withMessageContaining("pseudonymSalt is already set");
  }

  @Test
  void refusesToPseudonymizeWithoutASalt() {
    assertThatIllegalStateException()
        .isThrownBy(() -> policy.pseudonymize("user-42"))
        .withMessageContaining("salt")
        .withMessageContaining("pseudonymSalt");
  }

  @Test
  void copiesTheSaltSoLaterChangesToTheArrayDoNotMatter() {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    RedactionPolicy salted = RedactionPolicy.builder().pseudonymSalt(salt).build();
    String before = salted.pseudonymize("user-42");

    salt[0] = 'X';

    assertThat(salted.pseudonymize("user-42")).isEqualTo(before);
  }
}
