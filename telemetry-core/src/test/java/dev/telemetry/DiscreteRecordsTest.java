package dev.telemetry;

import static dev.telemetry.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscreteRecordsTest {
  private static final Instant FROM = Instant.EPOCH;
  private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStore store = InMemoryStore.create();

  @Test
  void keepsWarnAndErrorLogsScrubbedAndIgnoresLowerLevels() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.log(LogLevel.ERROR, "billing", "charge_failed", "card declined for jane@example.com",
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        Map.of("password", "hunter2", "provider", "stripe"));
    telemetry.log(LogLevel.INFO, "billing", "charged", "ok", null, null, null);
    telemetry.log(LogLevel.DEBUG, "billing", "charged", "ok", null, null, null);
    telemetry.flush();

    List<LogEvent> logs = store.readLogs(LogQuery.range(FROM, TO, 10)).items();
    assertThat(logs).singleElement().satisfies(log -> {
      assertThat(log.message()).doesNotContain("jane@example.com").contains("[REDACTED:email]");
      assertThat(log.attrs()).isEqualTo(Map.of("provider", "stripe"));
      assertThat(log.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(log.service()).isEqualTo("test-app");
      assertThat(log.ts()).isEqualTo(T0);
    });
    assertThat(telemetry.selfMetrics().ignoredLogs()).isEqualTo(2);
    telemetry.close();
  }

  @Test
  void capsLongMessages() {
    Telemetry telemetry = Fixtures.manual(store, clock).maxMessageLength(100).build();
    telemetry.warn("jobs", "slow", "x".repeat(10_000));
    telemetry.flush();

    assertThat(store.readLogs(LogQuery.range(FROM, TO, 10)).items()).singleElement()
        .satisfies(log -> assertThat(log.message()).hasSize(100));
    telemetry.close();
  }

  @Test
  void indexesSpansWithTemplatedRoutesAndDropsSpansWithoutAValidTraceId() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "GET /users/{id}", "api",
        "/users/42", 503, true, Duration.ofMillis(1200));
    telemetry.span(null, "not a trace id", null, "GET", "api", "/", 200, false, Duration.ofMillis(3));
    telemetry.flush();

    List<TraceRecord> spans = store.readTraces(TraceQuery.range(FROM, TO, 10)).items();
    assertThat(spans).singleElement().satisfies(span -> {
      assertThat(span.route()).isEqualTo("/users/{id}");
      assertThat(span.durationMs()).isEqualTo(1200.0);
      assertThat(span.ts()).isEqualTo(T0.minusMillis(1200));
      assertThat(span.status()).isEqualTo(503);
    });
    telemetry.close();
  }

  @Test
  void pseudonymizesEventSubjectsAndDropsForbiddenDimensions() {
    RedactionPolicy policy = RedactionPolicy.builder().pseudonymSalt("a-long-enough-salt-value").build();
    Telemetry telemetry = Fixtures.manual(store, clock).redaction(policy).build();
    telemetry.event("deployment_created", "project-1234", Map.of("network", "mainnet", "email", "a@b.co"),
        Outcome.SUCCESS, 1);
    telemetry.flush();

    List<BusinessEvent> events = store.readEvents(new EventQuery(null, FROM, TO, 10));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.subject()).isEqualTo(policy.pseudonymize("project-1234")).isNotEqualTo("project-1234");
      assertThat(e.dimensions()).isEqualTo(Map.of("network", "mainnet"));
      assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
    });
    telemetry.close();
  }

  @Test
  void dropsAndCountsEventsWithASubjectWhenNoSaltIsConfigured() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.event("signup", "user-1", Map.of(), Outcome.SUCCESS, 0);
    telemetry.event("page_view", null, Map.of("page", "home"), Outcome.NONE, 0);
    telemetry.flush();

    assertThat(store.readEvents(new EventQuery(null, FROM, TO, 10))).extracting(BusinessEvent::type)
        .containsExactly("page_view");
    assertThat(telemetry.selfMetrics().droppedDiscrete()).isEqualTo(1);
    telemetry.close();
  }

  @Test
  void keepsTheLatestHeartbeatPerName() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.heartbeat("price_feed", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(10));
    telemetry.heartbeat("price_feed", Duration.ofSeconds(30));
    telemetry.jobRun("nightly_report", Duration.ofDays(1), Duration.ofSeconds(42), false, "smtp timeout");
    telemetry.keyRefreshed("fx_rates", Duration.ofMinutes(5));
    telemetry.flush();

    assertThat(store.readHeartbeats()).hasSize(3)
        .anySatisfy(h -> {
          assertThat(h.name()).isEqualTo("price_feed");
          assertThat(h.lastSeen()).isEqualTo(T0.plusSeconds(10));
        })
        .anySatisfy(h -> {
          assertThat(h.kind()).isEqualTo(Heartbeat.Kind.JOB);
          assertThat(h.ok()).isFalse();
          assertThat(h.lastDuration()).isEqualTo(Duration.ofSeconds(42));
        });
    telemetry.close();
  }

  @Test
  void dropsAndCountsLogsPastTheBufferCapacity() {
    Telemetry telemetry = Fixtures.manual(store, clock).bufferCapacity(16).build();
    for (int i = 0; i < 20; i++) {
      telemetry.warn("d", "e", "m" + i);
    }
    telemetry.flush();

    assertThat(store.readLogs(LogQuery.range(FROM, TO, 100)).items()).hasSize(16);
    assertThat(telemetry.selfMetrics().droppedDiscrete()).isEqualTo(4);
    telemetry.close();
  }
}
