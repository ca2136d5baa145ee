package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DemoArgumentsTest {
  @Test
  void hasTheDocumentedDefaults() {
    DemoArguments a = DemoArguments.parse(List.of());
    assertThat(a.port()).isEqualTo(8080);
    assertThat(a.store()).isEqualTo("sqlite:data/telemetry-demo.db");
    assertThat(a.token()).isNull();
    assertThat(a.backfillDays()).isEqualTo(7);
    assertThat(a.traffic()).isTrue();
  }

  @Test
  void parsesEveryOptionInBothForms() {
    DemoArguments a = DemoArguments.parse(List.of("--port", "9090", "--store=memory", "--token",
        "0123456789abcdef0123", "--backfill-days=2", "--no-traffic"));
    assertThat(a).isEqualTo(new DemoArguments(9090, "memory", "0123456789abcdef0123", 2, false, false));
    assertThat(DemoArguments.parse(List.of("--store", "postgres:jdbc:postgresql://127.0.0.1:5432/test")).store())
        .isEqualTo("postgres:jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(DemoArguments.parse(List.of("--help")).help()).isTrue();
  }

  @Test
  void namesTheOptionAndTheRuleOfABadArgument() {
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--port", "70000")))
        .hasMessage("--port must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--port", "eighty")))
        .hasMessage("--port must be a whole number, was 'eighty'");
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--port")))
        .hasMessage("--port needs a value (see --help)");
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--store", "mysql:x")))
        .hasMessageStartingWith("--store must be memory, sqlite:PATH or postgres:");
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--token", "short")))
        .hasMessageStartingWith("--token must be 16 to 256");
    assertThatThrownBy(() -> DemoArguments.parse(List.of("--verbose")))
        .hasMessage("unknown option '--verbose' (see --help)");
  }

  @Property
  void anyInputParsesOrFailsWithAUserMessage(@ForAll List<String> args) {
    try {
      DemoArguments.parse(args);
    } catch (DemoArguments.BadArguments expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("Exception");
    }
  }

  @Provide
  Arbitrary<List<String>> optionLikeArguments() {
    Arbitrary<String> option = Arbitraries.of("--port", "--store", "--token", "--backfill-days", "--no-traffic",
        "--help", "--PORT", "-port", "--", "-", "--port=", "--store=", "--token=", "--backfill-days=");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("", " ", "0", "-1", "65535", "65536", "2147483648", "-2147483649", "1e3", "0x50", "٨٠",
            "memory", "sqlite:", "sqlite:/dev/null", "sqlite:../../etc/passwd", "sqlite:\u0000", "postgres:",
            "postgres:jdbc:mysql://x", "postgres:jdbc:postgresql://h/db?password=p", "MEMORY", "memory ",
            "0123456789abcdef", "0123456789abcde", "x".repeat(257), "--port", "=", "==", "\n", "☃"),
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.integers().map(String::valueOf));
    Arbitrary<String> glued = Combinators.combine(option, value).as((o, v) -> o.endsWith("=") ? o + v : o);
    return Arbitraries.oneOf(option, value, glued).list().ofMaxSize(8);
  }

  @Property(tries = 3000)
  void optionShapedHostileInputParsesWithinTheRulesOrFailsWithAUserMessage(
      @ForAll("optionLikeArguments") List<String> args) {
    try {
      DemoArguments a = DemoArguments.parse(args);
      assertThat(a.port()).isBetween(0, 65535);
      assertThat(a.backfillDays()).isNotNegative();
      assertThat(a.store()).matches("memory|sqlite:.+|postgres:jdbc:postgresql:.*");
      if (a.token() != null) {
        assertThat(a.token().length()).isBetween(16, 256);
      }
    } catch (DemoArguments.BadArguments expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
