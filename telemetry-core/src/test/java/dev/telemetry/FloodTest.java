package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs are bounded in bytes, not only in count: one thread (and, for logs, four) hands in
 * distinct 1 MB texts at full speed in a child JVM with a 64 MB heap (before the fix a 512 MB heap ran out within seconds: the
 * buffers held the raw texts). The child must finish, its heap after GC must stay near where it
 * started, and every record must be accounted for as stored or dropped.
 */
class FloodTest {
  static final String HEAP = "-Xmx64m";
  /** 200 MB of distinct text: three times the heap, however slow the machine. */
  static final long MIN_OFFERED = 200;

  @ParameterizedTest
  @CsvSource({"log, 1", "attribute, 1", "span, 1", "event, 1", "log, 4"})
  void distinctOneMegabyteTextsAtFullSpeedNeverExhaustASmallHeap(String kind, int threads) throws Exception {
    Map<String, Long> out = ChildJvm.run(FloodChild.class, HEAP, kind, "PT2S", Integer.toString(threads),
        Long.toString(MIN_OFFERED));

    assertThat(out.get("offered")).isGreaterThanOrEqualTo(MIN_OFFERED);
    assertThat(out.get("stored") + out.get("droppedDiscrete") + out.get("droppedRows"))
        .as("every record stored or counted as dropped").isEqualTo(out.get("offered"));
    assertThat(out.get("heapPeakAfterGc") - out.get("heapBefore"))
        .as("heap after GC grew by at most 24 MiB during the flood").isLessThan(24L << 20);
    assertThat(out.get("heapAfter") - out.get("heapBefore"))
        .as("heap after GC, instance still open, grew by at most 24 MiB").isLessThan(24L << 20);
  }
}
