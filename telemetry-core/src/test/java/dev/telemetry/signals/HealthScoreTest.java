package dev.telemetry.signals;

import dev.telemetry.status.Threshold;
import dev.telemetry.status.SignalStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.signals.HealthScore.Scoring;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthScoreTest {
  private final HealthScore voice = HealthScore.builder()
      .signal("join_success_pct", 40, Threshold.lowerIsWorse(95, 80), Scoring.STATUS)
      .signal("packet_loss_pct", 30, Threshold.higherIsWorse(2, 5), Scoring.LINEAR)
      .signal("jitter_ms", 20, Threshold.higherIsWorse(30, 100), Scoring.STATUS)
      .signal("crash_pct", 10, Threshold.higherIsWorse(1, 5), Scoring.STATUS)
      .build();

  @Test
  void everythingGreenIs100AndEverythingRedIs0() {
    assertThat(voice.score(Map.of("join_success_pct", 99.0, "packet_loss_pct", 1.0, "jitter_ms", 5.0,
        "crash_pct", 0.0)).score()).isEqualTo(100.0);
    assertThat(voice.score(Map.of("join_success_pct", 10.0, "packet_loss_pct", 50.0, "jitter_ms", 500.0,
        "crash_pct", 50.0)).score()).isEqualTo(0.0);
  }

  @Test
  void weightedMeanOfStatusAndLinearPoints() {
    // join yellow 0.5×40, loss 3.5% → (5-3.5)/(5-2)=0.5 ×30, jitter green 1×20, crash red 0×10
    var s = voice.score(Map.of("join_success_pct", 90.0, "packet_loss_pct", 3.5, "jitter_ms", 5.0,
        "crash_pct", 9.0));
    assertThat(s.score()).isCloseTo(100.0 * (20 + 15 + 20 + 0) / 100, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(s.parts()).extracting(HealthScore.Part::points).containsExactly(0.5, 0.5, 1.0, 0.0);
    assertThat(s.parts()).extracting(HealthScore.Part::status)
        .containsExactly(SignalStatus.YELLOW, SignalStatus.YELLOW, SignalStatus.GREEN, SignalStatus.RED);
  }

  @Test
  void signalsWithoutDataAreLeftOutOfBothSums() {
    Map<String, Double> values = new HashMap<>();
    values.put("join_success_pct", 99.0);
    values.put("jitter_ms", Double.NaN);
    values.put("crash_pct", 9.0);
    var s = voice.score(values);
    assertThat(s.score()).isCloseTo(100.0 * 40 / 50, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(s.parts().get(1).value()).isNull();
    assertThat(s.parts().get(1).status()).isEqualTo(SignalStatus.UNKNOWN);
    assertThat(voice.score(Map.of()).score()).isNull();
  }

  @Test
  void rejectsNonPositiveWeightsDuplicatesAndEmptyDeclarations() {
    assertThatThrownBy(() -> HealthScore.builder().signal("a", 0, Threshold.higherIsWorse(1, 2), Scoring.STATUS))
        .hasMessage("health score signal 'a': weight must be a finite number > 0, was 0.0");
    assertThatThrownBy(() -> HealthScore.builder().signal("a", Double.NaN, Threshold.higherIsWorse(1, 2), Scoring.STATUS))
        .hasMessageContaining("weight must be a finite number > 0, was NaN");
    assertThatThrownBy(() -> HealthScore.builder()
        .signal("a", 1, Threshold.higherIsWorse(1, 2), Scoring.STATUS)
        .signal("a", 1, Threshold.higherIsWorse(1, 2), Scoring.STATUS))
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> HealthScore.builder().build()).hasMessageContaining("at least one signal");
    assertThatThrownBy(() -> HealthScore.builder().signal("A b", 1, Threshold.higherIsWorse(1, 2), Scoring.STATUS))
        .hasMessageContaining("must match");
  }
}
