package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A marker's colon is passed over without reading its key (ADR 0055) only while the key
 * {@code REDACTED} is not forbidden; a policy that forbids it keeps the old behaviour.
 */
class CredentialPairsMarkerTest {

  @Test
  void markerColonsAreNotPairsUnderTheDefaults() {
    CredentialPairs pairs = new CredentialPairs(ForbiddenFieldNames.defaults());
    String text = "login [REDACTED:email] password=[REDACTED:credential] token:[REDACTED:jwt] a:b";
    assertThat(pairs.apply(text)).isSameAs(text);
    assertThat(pairs.apply("[REDACTED:email] secret=hunter2"))
        .isEqualTo("[REDACTED:email] secret=[REDACTED:credential]");
  }

  @Test
  void aPolicyForbiddingTheMarkerKeyStillReadsIt() {
    CredentialPairs pairs = new CredentialPairs(ForbiddenFieldNames.withExtra(List.of("redacted")));
    // As before the skip: the key is read, and the marker's kind is left alone (a value that
    // ends in the marker's "]" is not re-marked), while a bare REDACTED key is a pair.
    assertThat(pairs.apply("x [REDACTED:email] y")).isEqualTo("x [REDACTED:email] y");
    assertThat(pairs.apply("x REDACTED:email y")).isEqualTo("x REDACTED:[REDACTED:credential] y");
  }
}
