package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscreteBufferTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void dropsAndCountsPastTheByteBudgetAndGivesTheBytesBackOnDrain() {
    DiscreteBuffer.Budget budget = new DiscreteBuffer.Budget(1000);
    DiscreteBuffer<String> buffer = new DiscreteBuffer<>(100, budget, s -> s.length());

    assertThat(buffer.offer("a".repeat(600))).isTrue();
    assertThat(buffer.offer("b".repeat(600))).as("would hold 1200 of 1000 bytes").isFalse();
    assertThat(buffer.offer("c".repeat(400))).isTrue();
    assertThat(buffer.dropped()).isEqualTo(1);
    assertThat(budget.used()).isEqualTo(1000);

    List<String> drained = new ArrayList<>();
    buffer.drainTo(drained, 10);
    assertThat(drained).hasSize(2);
    assertThat(budget.used()).isZero();
    assertThat(buffer.offer("d".repeat(1000))).isTrue();
  }

  @Test
  void buffersShareOneBudget() {
    DiscreteBuffer.Budget budget = new DiscreteBuffer.Budget(1000);
    DiscreteBuffer<String> logs = new DiscreteBuffer<>(100, budget, String::length);
    DiscreteBuffer<String> spans = new DiscreteBuffer<>(100, budget, String::length);

    assertThat(logs.offer("a".repeat(900))).isTrue();
    assertThat(spans.offer("b".repeat(200))).isFalse();
    assertThat(spans.dropped()).isEqualTo(1);
  }

  @Test
  void stillBoundedByCount() {
    DiscreteBuffer<String> buffer = new DiscreteBuffer<>(2, new DiscreteBuffer.Budget(1 << 20), String::length);
    assertThat(buffer.offer("a")).isTrue();
    assertThat(buffer.offer("b")).isTrue();
    assertThat(buffer.offer("c")).isFalse();
    assertThat(buffer.dropped()).isEqualTo(1);
  }

  @Test
  void theBudgetIsAQuarterOfThePendingBudgetAndNeverBelowTheLargestRecord() {
    assertThat(Pipeline.discreteBudget(32L << 20)).isEqualTo(8L << 20);
    assertThat(Pipeline.discreteBudget(64L << 10)).isEqualTo(1L << 20);
    long largestLog = RecordBytes.log(new RawBounds(16_384).log(new RawLog(T, LogLevel.WARN, "d".repeat(500),
        "e".repeat(500), "m".repeat(1_000_000), "f".repeat(100), "f".repeat(100), manyAttributes(200, 100_000))));
    assertThat(largestLog).isLessThan(Pipeline.discreteBudget(64L << 10));
  }

  @Test
  void rawBoundsCutTextsToTwiceTheirStoredLengthAndLeaveSmallRecordsAlone() {
    RawBounds bounds = new RawBounds(100);
    RawLog small = new RawLog(T, LogLevel.WARN, "billing", "failed", "short", null, null, Map.of());
    assertThat(bounds.log(small)).isSameAs(small);

    RawLog big = bounds.log(new RawLog(T, LogLevel.WARN, "d".repeat(1000), "e", "m".repeat(10_000), null, null,
        manyAttributes(100, 10_000)));
    assertThat(big.message()).hasSize(200);
    assertThat(big.domain()).hasSize(Sanitizer.MAX_NAME * 2);
    assertThat(big.attrs()).hasSize(RawBounds.MAX_ENTRIES)
        .allSatisfy((k, v) -> assertThat(v).hasSize(Sanitizer.MAX_ATTR_VALUE * 2));

    Heartbeat h = new Heartbeat("job", Heartbeat.Kind.JOB, "n", T, Duration.ofMinutes(1), Duration.ZERO, true,
        "x".repeat(5000));
    assertThat(bounds.heartbeat(h).detail()).hasSize(Sanitizer.MAX_DETAIL * 2);
    RawSpan span = new RawSpan(T, "ab", "cd", "s".repeat(5000), "d", "/r", 200, false, 1);
    assertThat(bounds.span(span).spanName()).hasSize(Sanitizer.MAX_SPAN_NAME * 2);
  }

  @Test
  void attributesWithNullsAreCopiedWithoutThrowing() {
    Map<String, String> withNulls = new HashMap<>();
    withNulls.put("a", null);
    withNulls.put(null, "b");
    withNulls.put("ok", "1");
    RawLog log = new RawBounds(100).log(new RawLog(T, LogLevel.WARN, "d", "e", "m", null, null, withNulls));
    assertThat(log.attrs()).containsExactly(Map.entry("ok", "1"));
  }

  private static Map<String, String> manyAttributes(int n, int valueLength) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      m.put("k" + i, "v".repeat(valueLength));
    }
    return m;
  }
}
