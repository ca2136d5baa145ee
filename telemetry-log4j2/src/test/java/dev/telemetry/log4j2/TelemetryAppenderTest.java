package dev.telemetry.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryAppenderTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final Logger checkout = LogManager.getLogger("shop.checkout");
  private Telemetry telemetry;
  private List<TelemetryAppender> appenders;

  @BeforeEach
  void start() {
    telemetry = Telemetry.builder().service("log-test").store(store).clock(TestClock.at("2026-11-23T10:00:00Z"))
        .backgroundThreads(false).closeOnShutdown(false).contract(MetricContract.empty()).build();
    appenders = TelemetryAppender.install(telemetry);
  }

  @AfterEach
  void stop() {
    ThreadContext.clearAll();
    telemetry.close();
  }

  private List<LogEvent> stored() {
    telemetry.flush();
    return store.readLogs(LogQuery.range(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100)).items();
  }

  @Test
  void connectsTheAppenderDeclaredInTheConfiguration() {
    assertThat(appenders).singleElement().satisfies(appender -> assertThat(appender.getName()).isEqualTo("TELEMETRY"));
  }

  @Test
  void keepsAnErrorWithItsDomainCategoryAndTraceIdFromTheConfiguredKey() {
    ThreadContext.put("request_trace", "4bf92f3577b34da6a3ce929d0e0e4736");
    ThreadContext.put("spanId", "00f067aa0ba902b7");
    checkout.error("payment failed for order {}", 42, new java.io.UncheckedIOException(new java.io.IOException("io")));

    assertThat(stored()).singleElement().satisfies(log -> {
      assertThat(log.level()).isEqualTo(LogLevel.ERROR);
      assertThat(log.domain()).isEqualTo("shop.checkout");
      assertThat(log.event()).isEqualTo("UncheckedIOException");
      assertThat(log.message()).startsWith("payment failed for order 42: ");
      assertThat(log.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(log.spanId()).isEqualTo("00f067aa0ba902b7");
    });
  }

  @Test
  void keepsWarnErrorAndFatalOnly() {
    checkout.info("fine");
    checkout.warn("stock low");
    checkout.fatal("out of memory soon");

    assertThat(stored()).extracting(LogEvent::level).containsExactlyInAnyOrder(LogLevel.WARN, LogLevel.ERROR);
  }

  @Test
  void neverForwardsTheLibrarysOwnLoggingAndScrubsTheRest() {
    LogManager.getLogger("dev.telemetry.jdbc.JdbcStore").error("store down");
    checkout.warn("token for bob@example.org expired");

    assertThat(stored()).singleElement().satisfies(log -> {
      assertThat(log.domain()).isEqualTo("shop.checkout");
      assertThat(log.message()).doesNotContain("bob@example.org");
    });
    assertThat(appenders.get(0).forwarder().skipped()).isEqualTo(1);
  }
}
