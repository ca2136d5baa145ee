package dev.telemetry.status;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ThresholdParserProperties {

  @Property(tries = 2000)
  void garbageNeverThrowsAnythingButTheDocumentedException(@ForAll("garbage") String value) {
    for (Threshold.Direction direction : Threshold.Direction.values()) {
      Throwable thrown = catchThrowable(() -> Thresholds.parse("TELEMETRY_THRESHOLD_X", value, direction));
      if (thrown != null) {
        assertThat(thrown).isInstanceOf(ThresholdConfigException.class);
        assertThat(thrown.getMessage()).startsWith("TELEMETRY_THRESHOLD_X='");
      }
    }
    Throwable fromEnv = catchThrowable(() -> Thresholds.builder()
        .fromEnvironment(Map.of("TELEMETRY_THRESHOLD_LATENCY_P95_MS", value), Map.of()));
    if (fromEnv != null) {
      assertThat(fromEnv).isInstanceOf(ThresholdConfigException.class);
    }
  }

  @Property
  void anyValidPairRoundTripsThroughItsText(
      @ForAll("finite") double a, @ForAll("finite") double b) {
    double warn = Math.min(a, b);
    double crit = Math.max(a, b);
    if (warn == crit) {
      return;
    }
    Threshold parsed = Thresholds.parse("S", warn + "," + crit, Threshold.Direction.HIGHER_IS_WORSE);
    assertThat(parsed).isEqualTo(Threshold.higherIsWorse(warn, crit));
    Threshold reversed = Thresholds.parse("S", crit + ", " + warn, Threshold.Direction.LOWER_IS_WORSE);
    assertThat(reversed).isEqualTo(Threshold.lowerIsWorse(crit, warn));
  }

  @Property
  void aParsedThresholdColoursItsOwnBoundariesYellow(@ForAll("finite") double a, @ForAll("finite") double b) {
    if (a == b) {
      return;
    }
    Threshold t = Thresholds.parse("S", Math.min(a, b) + "," + Math.max(a, b), Threshold.Direction.HIGHER_IS_WORSE);
    assertThat(t.status(t.warn())).isEqualTo(SignalStatus.YELLOW);
    assertThat(t.status(t.crit())).isEqualTo(SignalStatus.YELLOW);
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> numberish = Arbitraries.strings().withChars("0123456789.,-+eE xNaInfity\t;").ofMaxLength(30);
    Arbitrary<String> any = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> pairs = Arbitraries.doubles().tuple2().map(t -> t.get1() + "," + t.get2());
    return Arbitraries.oneOf(numberish, any, pairs);
  }

  @Provide
  Arbitrary<Double> finite() {
    return Arbitraries.doubles().between(-1e12, 1e12);
  }
}
