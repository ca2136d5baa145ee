package dev.telemetry.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogForwarderTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final Telemetry telemetry = Telemetry.builder().service("forwarder-test").store(store)
      .clock(TestClock.at("2026-11-23T10:00:00Z")).backgroundThreads(false).closeOnShutdown(false)
      .contract(MetricContract.empty()).build();

  @AfterEach
  void stop() {
    telemetry.close();
  }

  private List<LogEvent> stored() {
    telemetry.flush();
    return store.readLogs(LogQuery.range(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100)).items();
  }

  @Test
  void triesTheMdcKeysInOrder() {
    LogForwarder forwarder = LogForwarder.builder(telemetry).traceIdKeys("b3", "trace_id").spanIdKeys("b3_span")
        .readCurrentSpan(false).build();
    Map<String, String> mdc = Map.of("trace_id", "22222222222222222222222222222222", "b3", "11111111111111111111111111111111",
        "b3_span", "3333333333333333");

    assertThat(forwarder.forward(LogLevel.WARN, "shop.cart", "slow", null, mdc::get)).isTrue();

    assertThat(stored()).singleElement().satisfies(log -> {
      assertThat(log.traceId()).isEqualTo("11111111111111111111111111111111");
      assertThat(log.spanId()).isEqualTo("3333333333333333");
      assertThat(log.event()).isEmpty();
    });
  }

  @Test
  void ignoresLevelsBelowWarnWithoutCountingThemAsSkipped() {
    LogForwarder forwarder = LogForwarder.create(telemetry);

    assertThat(forwarder.forward(LogLevel.INFO, "shop", "hello", null, null)).isFalse();
    assertThat(forwarder.forward(null, "shop", "hello", null, null)).isFalse();

    assertThat(stored()).isEmpty();
    assertThat(forwarder.skipped()).isZero();
    assertThat(forwarder.forwarded()).isZero();
  }

  @Test
  void namesAnAnonymousThrowableByItsFullClassName() {
    Throwable anonymous = new RuntimeException("x") {
      private static final long serialVersionUID = 1L;
    };
    assertThat(LogForwarder.errorCategory(anonymous)).isEqualTo(anonymous.getClass().getName());
    assertThat(LogForwarder.errorCategory(new IllegalArgumentException())).isEqualTo("IllegalArgumentException");
  }

  @Test
  void recognisesTheLibrarysLoggersOnly() {
    assertThat(LogForwarder.isLibraryLogger("dev.telemetry")).isTrue();
    assertThat(LogForwarder.isLibraryLogger("dev.telemetry.jdbc.JdbcStore")).isTrue();
    assertThat(LogForwarder.isLibraryLogger("dev.telemetryx")).isFalse();
    assertThat(LogForwarder.isLibraryLogger("com.shop.dev.telemetry")).isFalse();
    assertThat(LogForwarder.isLibraryLogger(null)).isFalse();
  }

  @Test
  void refusesBlankKeys() {
    assertThatThrownBy(() -> LogForwarder.builder(telemetry).traceIdKeys("trace_id", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceIdKeys");
  }
}
