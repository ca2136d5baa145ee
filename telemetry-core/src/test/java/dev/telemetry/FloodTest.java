package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs are bounded in bytes, not only in count: one thread hands in distinct 1 MB texts at full
 * speed in a child JVM with a 64 MB heap (before the fix a 512 MB heap ran out within seconds: the
 * buffers held the raw texts). The child must finish, its heap after GC must stay near where it
 * started, and every record must be accounted for as stored or dropped.
 */
class FloodTest {
  static final String HEAP = "-Xmx64m";

  @ParameterizedTest
  @ValueSource(strings = {"log", "attribute", "span", "event"})
  void distinctOneMegabyteTextsAtFullSpeedNeverExhaustASmallHeap(String kind) throws Exception {
    Map<String, Long> out = ChildJvm.run(FloodChild.class, HEAP, kind, "PT2S");

    assertThat(out.get("offered")).isGreaterThan(100);
    assertThat(out.get("stored") + out.get("droppedDiscrete") + out.get("droppedRows"))
        .as("every record stored or counted as dropped").isEqualTo(out.get("offered"));
    assertThat(out.get("heapPeakAfterGc") - out.get("heapBefore"))
        .as("heap after GC grew by at most 24 MiB during the flood").isLessThan(24L << 20);
  }
}
