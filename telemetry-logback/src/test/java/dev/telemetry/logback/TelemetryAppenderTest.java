package dev.telemetry.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.testkit.TestClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TelemetryAppenderTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final Logger checkout = LoggerFactory.getLogger("shop.checkout");
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
    MDC.clear();
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
  void keepsAnErrorWithItsDomainCategoryAndTraceIdFromTheConfiguredMdcKey() {
    MDC.put("request_trace", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("span_id", "00f067aa0ba902b7");
    checkout.error("payment failed for order {}", 42, new IllegalStateException("card declined"));

    assertThat(stored()).singleElement().satisfies(log -> {
      assertThat(log.level()).isEqualTo(LogLevel.ERROR);
      assertThat(log.domain()).isEqualTo("shop.checkout");
      assertThat(log.event()).isEqualTo("IllegalStateException");
      assertThat(log.message()).isEqualTo("payment failed for order 42: card declined");
      assertThat(log.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(log.spanId()).isEqualTo("00f067aa0ba902b7");
    });
  }

  @Test
  void keepsWarnAndErrorOnly() {
    checkout.info("fine");
    checkout.debug("finer");
    checkout.warn("stock low");

    assertThat(stored()).extracting(LogEvent::level).containsExactly(LogLevel.WARN);
  }

  @Test
  void scrubsTheMessageLikeEveryOtherPath() {
    checkout.warn("login failed for alice@example.com with password=hunter2");

    assertThat(stored()).singleElement().satisfies(log ->
        assertThat(log.message()).doesNotContain("alice@example.com").doesNotContain("hunter2"));
  }

  @Test
  void neverForwardsTheLibrarysOwnLogging() {
    LoggerFactory.getLogger("dev.telemetry.Pipeline").error("store down");
    LoggerFactory.getLogger("dev.telemetryx.app").error("not the library");

    assertThat(stored()).extracting(LogEvent::domain).containsExactly("dev.telemetryx.app");
    assertThat(appenders.get(0).forwarder().skipped()).isEqualTo(1);
  }

  @Test
  void skipsWhatIsLoggedWhileAnEventIsBeingForwarded() {
    // an MDC lookup that logs stands for core logging on the thread that is handing it an event
    TelemetryAppender appender = appenders.get(0);
    java.util.concurrent.atomic.AtomicBoolean logged = new java.util.concurrent.atomic.AtomicBoolean();
    boolean forwarded = appender.forwarder().forward(LogLevel.ERROR, "shop.checkout", "outer", null, key -> {
      if (logged.compareAndSet(false, true)) {
        checkout.error("inner");
      }
      return null;
    });

    assertThat(forwarded).isTrue();
    assertThat(stored()).extracting(LogEvent::message).containsExactly("outer");
    assertThat(appender.forwarder().skipped()).isEqualTo(1);
  }

  @Test
  void takesTheTraceIdOfTheCurrentSpanWhenTheMdcHasNone() {
    // The SDK hands out no-op spans when no processor is registered, so register one that does nothing.
    SpanProcessor keepSpansReal = new SpanProcessor() {
      @Override
      public void onStart(io.opentelemetry.context.Context parent, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {}

      @Override
      public boolean isEndRequired() {
        return false;
      }
    };
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(keepSpansReal).build()) {
      Span span = tracing.get("test").spanBuilder("checkout").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        checkout.error("inside a span");
      } finally {
        span.end();
      }
      assertThat(stored()).singleElement().satisfies(log -> {
        assertThat(log.traceId()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(log.spanId()).isEqualTo(span.getSpanContext().getSpanId());
      });
    }
  }
}
