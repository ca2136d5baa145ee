package dev.telemetry.status;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {
  private final Threshold latency = Threshold.higherIsWorse(200, 1000);
  private final Threshold success = Threshold.lowerIsWorse(95, 80);

  @Test
  void higherIsWorseIsGreenBelowWarnYellowFromWarnToCritRedAboveCrit() {
    assertThat(latency.status(199.999)).isEqualTo(SignalStatus.GREEN);
    assertThat(latency.status(200)).isEqualTo(SignalStatus.YELLOW);
    assertThat(latency.status(1000)).isEqualTo(SignalStatus.YELLOW);
    assertThat(latency.status(Math.nextUp(1000.0))).isEqualTo(SignalStatus.RED);
    assertThat(latency.status(-5)).isEqualTo(SignalStatus.GREEN);
    assertThat(latency.status(Double.POSITIVE_INFINITY)).isEqualTo(SignalStatus.RED);
  }

  @Test
  void lowerIsWorseMirrorsTheBoundaries() {
    assertThat(success.status(95.001)).isEqualTo(SignalStatus.GREEN);
    assertThat(success.status(95)).isEqualTo(SignalStatus.YELLOW);
    assertThat(success.status(80)).isEqualTo(SignalStatus.YELLOW);
    assertThat(success.status(Math.nextDown(80.0))).isEqualTo(SignalStatus.RED);
  }

  @Test
  void nanIsUnknown() {
    assertThat(latency.status(Double.NaN)).isEqualTo(SignalStatus.UNKNOWN);
    assertThat(success.status(Double.NaN)).isEqualTo(SignalStatus.UNKNOWN);
  }

  @Test
  void normalisedIsOneAtWarnZeroAtCritLinearBetweenInBothDirections() {
    assertThat(latency.normalised(100)).isEqualTo(1.0);
    assertThat(latency.normalised(200)).isEqualTo(1.0);
    assertThat(latency.normalised(600)).isEqualTo(0.5);
    assertThat(latency.normalised(5000)).isEqualTo(0.0);
    assertThat(success.normalised(99)).isEqualTo(1.0);
    assertThat(success.normalised(87.5)).isEqualTo(0.5);
    assertThat(success.normalised(10)).isEqualTo(0.0);
    assertThat(latency.normalised(Double.NaN)).isNaN();
  }

  @Test
  void rejectsWarnNotBeforeCritInTheDirectionAndNonFiniteValues() {
    assertThatThrownBy(() -> Threshold.higherIsWorse(1000, 200))
        .hasMessageContaining("warn=1000.0").hasMessageContaining("warn must be below crit");
    assertThatThrownBy(() -> Threshold.higherIsWorse(5, 5)).hasMessageContaining("warn must be below crit");
    assertThatThrownBy(() -> Threshold.lowerIsWorse(80, 95)).hasMessageContaining("warn must be above crit");
    assertThatThrownBy(() -> Threshold.higherIsWorse(Double.NaN, 5)).hasMessageContaining("finite");
    assertThatThrownBy(() -> Threshold.higherIsWorse(1, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
  }
}
