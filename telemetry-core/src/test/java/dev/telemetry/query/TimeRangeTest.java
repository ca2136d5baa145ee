package dev.telemetry.query;

import dev.telemetry.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
  private final MutableClock clock = new MutableClock(QueryFixtures.NOW);

  @Test
  void parsesEveryPresetByItsLabel() {
    for (TimeRange r : TimeRange.values()) {
      assertThat(TimeRange.parse(r.label())).isEqualTo(r);
    }
    assertThat(TimeRange.parse("7d").span()).isEqualTo(Duration.ofDays(7));
  }

  @Property
  void rejectsAnythingButAPresetNamingTheRangeParameter(@ForAll @StringLength(max = 8) String label) {
    boolean preset = label.equals("1h") || label.equals("6h") || label.equals("24h") || label.equals("7d")
        || label.equals("30d") || label.equals("90d") || label.equals("all");
    if (preset) {
      assertThat(TimeRange.parse(label).label()).isEqualTo(label);
    } else {
      assertThatThrownBy(() -> TimeRange.parse(label))
          .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.param()).isEqualTo("range"));
    }
  }

  @Test
  void presetEndsNow() {
    Window w = Window.resolve(QueryRange.last(TimeRange.LAST_24_HOURS), clock, Duration.ofDays(30));
    assertThat(w.to()).isEqualTo(QueryFixtures.NOW);
    assertThat(w.from()).isEqualTo(QueryFixtures.NOW.minus(Duration.ofHours(24)));
  }

  @Test
  void rejectsFromNotBeforeTo() {
    assertParam(QueryRange.between(QueryFixtures.NOW, QueryFixtures.NOW), Duration.ofDays(30), "from");
    assertParam(QueryRange.between(QueryFixtures.NOW, QueryFixtures.NOW.minusSeconds(1)), Duration.ofDays(30),
        "from");
  }

  @Test
  void rejectsARangeLongerThanTheRetention() {
    Instant to = QueryFixtures.NOW;
    assertParam(QueryRange.between(to.minus(Duration.ofDays(8)), to), Duration.ofDays(7), "from");
    assertParam(QueryRange.last(TimeRange.LAST_30_DAYS), Duration.ofDays(7), "range");
    Window ok = Window.resolve(QueryRange.between(to.minus(Duration.ofDays(7)), to), clock, Duration.ofDays(7));
    assertThat(ok.span()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void rejectsAnEndFarInTheFuture() {
    Instant now = QueryFixtures.NOW;
    assertParam(QueryRange.between(now, now.plus(Duration.ofDays(2))), Duration.ofDays(30), "to");
    assertThat(Window.resolve(QueryRange.between(now, now.plus(Duration.ofMinutes(5))), clock, Duration.ofDays(30))
        .to()).isEqualTo(now.plus(Duration.ofMinutes(5)));
  }

  @Test
  void explicitBoundsNeedBothEnds() {
    assertThatThrownBy(() -> QueryRange.between(null, QueryFixtures.NOW))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.param()).isEqualTo("from"));
    assertThatThrownBy(() -> QueryRange.between(QueryFixtures.NOW, null))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.param()).isEqualTo("to"));
  }

  @Test
  void picksTheStepsOfTheLadderForThePresets() {
    assertThat(StepLadder.stepFor(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(StepLadder.stepFor(Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(5));
    assertThat(StepLadder.stepFor(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(5));
    assertThat(StepLadder.stepFor(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
    assertThat(StepLadder.stepFor(Duration.ofDays(30))).isEqualTo(Duration.ofHours(3));
  }

  @Property
  void theStepIsTheFinestThatKeepsAChartWithin300Points(@ForAll @LongRange(min = 1, max = 30L * 86_400) long seconds) {
    Duration span = Duration.ofSeconds(seconds);
    Duration step = StepLadder.stepFor(span);
    assertThat(Math.ceil((double) seconds / step.toSeconds())).isLessThanOrEqualTo(StepLadder.MAX_POINTS);
    int i = StepLadder.STEPS.indexOf(step);
    if (i > 0) {
      assertThat(Math.ceil((double) seconds / StepLadder.STEPS.get(i - 1).toSeconds()))
          .isGreaterThan(StepLadder.MAX_POINTS);
    }
  }

  private void assertParam(QueryRange range, Duration retention, String param) {
    assertThatThrownBy(() -> Window.resolve(range, clock, retention))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.param()).isEqualTo(param));
  }
}
