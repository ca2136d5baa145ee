package dev.telemetry.status;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void defaultsAreThoseOfDesignSection5() {
    Thresholds t = Thresholds.defaults();
    assertThat(t.require(Thresholds.LATENCY_P95_MS)).isEqualTo(Threshold.higherIsWorse(200, 1000));
    assertThat(t.require(Thresholds.ERROR_RATE_PCT)).isEqualTo(Threshold.higherIsWorse(1, 5));
    assertThat(t.require(Thresholds.DB_POOL_PCT)).isEqualTo(Threshold.higherIsWorse(70, 90));
    assertThat(t.require(Thresholds.DB_QUERY_P95_MS)).isEqualTo(Threshold.higherIsWorse(100, 500));
    assertThat(t.require(Thresholds.EXPORT_FAILURE_RATE_PCT)).isEqualTo(Threshold.higherIsWorse(1, 5));
    assertThat(t.require(Thresholds.MEMORY_PCT)).isEqualTo(Threshold.higherIsWorse(70, 90));
    assertThat(t.require(Thresholds.SATURATION_PCT)).isEqualTo(Threshold.higherIsWorse(70, 90));
  }

  @Test
  void environmentVariablesReplaceDefaultsAndOtherVariablesAreIgnored() {
    Thresholds t = Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_LATENCY_P95_MS", " 250 , 1.5e3 ", "PATH", "/bin",
            "TELEMETRY_SERVICE", "shop"), Map.of())
        .build();
    assertThat(t.require(Thresholds.LATENCY_P95_MS)).isEqualTo(Threshold.higherIsWorse(250, 1500));
    assertThat(t.require(Thresholds.ERROR_RATE_PCT)).isEqualTo(Threshold.higherIsWorse(1, 5));
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    Thresholds t = Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_MEMORY_PCT", "60,80"),
            Map.of("telemetry.threshold.memory_pct", "75,95"))
        .build();
    assertThat(t.require(Thresholds.MEMORY_PCT)).isEqualTo(Threshold.higherIsWorse(75, 95));
  }

  @Test
  void aCustomThresholdKeepsItsDirectionWhenSetFromTheEnvironment() {
    Thresholds t = Thresholds.builder()
        .set("join_success_pct", Threshold.lowerIsWorse(95, 80))
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_JOIN_SUCCESS_PCT", "90,70"), Map.of())
        .build();
    assertThat(t.require("join_success_pct")).isEqualTo(Threshold.lowerIsWorse(90, 70));
    assertThat(Thresholds.environmentVariable("join_success_pct")).isEqualTo("TELEMETRY_THRESHOLD_JOIN_SUCCESS_PCT");
    assertThat(Thresholds.systemProperty("join_success_pct")).isEqualTo("telemetry.threshold.join_success_pct");
  }

  @Test
  void errorsNameTheVariableTheValueAndTheRule() {
    assertThatThrownBy(() -> Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_LATENCY_P95_MS", "1000,200"), Map.of()))
        .isInstanceOfSatisfying(ThresholdConfigException.class, e -> {
          assertThat(e.setting()).isEqualTo("TELEMETRY_THRESHOLD_LATENCY_P95_MS");
          assertThat(e.value()).isEqualTo("1000,200");
          assertThat(e.rule()).isEqualTo("warn must be below crit when higher is worse");
          assertThat(e).hasMessage(
              "TELEMETRY_THRESHOLD_LATENCY_P95_MS='1000,200': warn must be below crit when higher is worse");
        });
    assertThatThrownBy(() -> Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_ERROR_RATE_PCT", "1;5"), Map.of()))
        .hasMessage("TELEMETRY_THRESHOLD_ERROR_RATE_PCT='1;5': must be two numbers '<warn>,<crit>' "
            + "separated by one comma, e.g. '200,1000'");
    assertThatThrownBy(() -> Thresholds.builder()
        .fromEnvironment(Map.of(), Map.of("telemetry.threshold.db_pool_pct", "NaN,90")))
        .hasMessage("telemetry.threshold.db_pool_pct='NaN,90': warn and crit must be decimal numbers, e.g. '200,1000'");
    assertThatThrownBy(() -> Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_LATENCY_P99_MS", "1,2"), Map.of()))
        .hasMessageStartingWith("TELEMETRY_THRESHOLD_LATENCY_P99_MS='1,2': unknown threshold 'latency_p99_ms'; known: [")
        .hasMessageContaining("latency_p95_ms");
    assertThatThrownBy(() -> Thresholds.parse("S", "1e400,2e400", Threshold.Direction.HIGHER_IS_WORSE))
        .hasMessage("S='1e400,2e400': warn and crit must be finite numbers");
  }

  @Test
  void longValuesAreCutInTheMessage() {
    String value = "1".repeat(500);
    assertThatThrownBy(() -> Thresholds.parse("S", value, Threshold.Direction.HIGHER_IS_WORSE))
        .isInstanceOfSatisfying(ThresholdConfigException.class, e -> {
          assertThat(e.value()).hasSize(101);
          assertThat(e.rule()).isEqualTo("must be at most 100 characters");
        });
  }

  @Test
  void builderRejectsBadNamesAndUnknownLookups() {
    assertThatThrownBy(() -> Thresholds.builder().set("Bad-Name", Threshold.higherIsWorse(1, 2)))
        .hasMessage("threshold name='Bad-Name': must match [a-z][a-z0-9_]{0,63}");
    assertThatThrownBy(() -> Thresholds.defaults().require("nope")).hasMessageContaining("no threshold named 'nope'");
    assertThat(Thresholds.defaults().find("nope")).isEmpty();
  }
}
