package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scrubber tests a built-in step's trigger as a case of {@link Triggers#test} (ADR 0060):
 * every built-in step names its own case, no two share one, and the case is what the step's
 * {@code isTriggeredBy} answers. Custom rules name none and keep their predicate.
 */
class TriggersTest {

  private final List<ScrubStep> steps =
      BuiltInScrubRules.inOrder(ForbiddenFieldNames.defaults(), true, true);

  @Test
  void everyBuiltInStepNamesItsOwnCase() {
    Set<Integer> seen = new HashSet<>();
    for (ScrubStep step : steps) {
      assertThat(step.builtInTrigger()).as("trigger of %s", step).isNotEqualTo(Triggers.NONE);
      assertThat(seen.add(step.builtInTrigger())).as("trigger of %s named twice", step).isTrue();
    }
    assertThat(seen).hasSize(23);
  }

  @Test
  void theCaseIsTheStepsOwnAnswer() throws IOException {
    List<String> texts = new ArrayList<>(BenignCorpusTest.benignLines());
    texts.addAll(List.of("", "password=hunter2", "Authorization: Bearer abcdefghijklmnopqrstuvwxyz",
        "-----BEGIN RSA PRIVATE KEY-----", "mysql -u root -pS3cret", "curl -u a:b", "DE89370400440532013000",
        "+44 20 7946 0958", "4111 1111 1111 1111", "123-45-6789", "00:1A:2B:3C:4D:5E", "10.0.0.7",
        "2001:db8::1", "bob@example.com", "https://u:p@host", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.abc",
        "hooks.slack.com/services/T0/B0/x https://x", "ghp_0123456789abcdefghij0123456789abcdef",
        "0123456789abcdef0123456789abcdef01", "api key Abc123xyz9"));
    for (String text : texts) {
      TextFeatures features = TextFeatures.of(text);
      for (ScrubStep step : steps) {
        assertThat(Triggers.test(step.builtInTrigger(), features))
            .as("trigger of %s on %s", step, text).isEqualTo(step.isTriggeredBy(features));
      }
    }
  }

  @Test
  void aCustomRuleKeepsItsPredicate() {
    ScrubRule custom = new ScrubRule("order_token", features -> features.hasAt, Pattern.compile("ord_[a-z0-9]{4}"),
        ScrubRule.SecretGroup.whole());
    assertThat(custom.builtInTrigger()).isEqualTo(Triggers.NONE);
    RedactionPolicy policy = RedactionPolicy.builder().scrubPattern("order_token", "ord_[a-z0-9]{4}").build();
    assertThat(policy.scrub("order ord_ab12 shipped")).isEqualTo("order [REDACTED:order_token] shipped");
  }
}
