package dev.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceQueryTest {
  private static final Instant FROM = Instant.parse("2026-11-29T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-29T11:00:00Z");

  @Test
  void eachWitherSetsItsFilterAndKeepsTheOthers() {
    TraceQuery q = TraceQuery.range(FROM, TO, 25).withErrorsOnly(true).withMinDurationMs(250).withDomain("api")
        .withRoute("/orders/{id}").withTraceId("4bf92f3577b34da6a3ce929d0e0e4736").withCursor("c1");

    assertThat(q).isEqualTo(new TraceQuery(FROM, TO, true, 250, "api", "/orders/{id}",
        "4bf92f3577b34da6a3ce929d0e0e4736", "c1", 25));
    assertThat(q.withDomain(null).domain()).isNull();
    assertThat(q.withDomain(null).route()).isEqualTo("/orders/{id}");
    assertThat(q.withErrorsOnly(false).minDurationMs()).isEqualTo(250);
  }

  @Test
  void aWitherValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> TraceQuery.range(FROM, TO, 10).withMinDurationMs(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minDurationMs");
  }
}
