package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackfillTest {
  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void fillsEveryMinuteOfTheRangeThroughTheRecordPathWithScrubbedLogsAndPseudonymousSubjects() {
    InMemoryStore store = InMemoryStore.create();
    RedactionPolicy redaction = RedactionPolicy.builder().pseudonymSalt("demo-salt-for-the-test-only").build();

    long minutes = Backfill.run(store, "demo-1", redaction, END, 1, () -> false);

    assertThat(minutes).isEqualTo(24 * 60);
    List<MetricSample> requests = store.readSamples(SampleQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS,
        Resolution.MINUTE, END.minus(Duration.ofDays(1)), END));
    assertThat(requests.stream().map(MetricSample::bucketStart).distinct()).hasSize(24 * 60);
    assertThat(store.readLogs(LogQuery.range(Instant.EPOCH, END, 100)).items())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.message()).doesNotContain("jane.doe@example.com"));
    assertThat(store.readEvents(new EventQuery("user_active", Instant.EPOCH, END, 1000)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.subject()).doesNotStartWith("user-").hasSize(32));
  }

  /** Monday and Tuesday, the same hour of day, outside the simulated incidents. */
  private static final Instant YESTERDAY = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant TODAY = Instant.parse("2026-11-24T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"user_active", "session_active", "deployment_created", "link_received", "command_executed",
      "api_call", "job_run", "alert_lifecycle", "abuse_blocked", "feature_toggled"})
  void backfilledYesterdayHasTheSameRatesAsLiveTodayAtTheSameHour(String type) {
    InMemoryStore store = simulatedYesterdayAndToday();
    long yesterday = store.readEvents(new EventQuery(type, YESTERDAY, YESTERDAY.plus(Duration.ofHours(1)), 100_000)).size();
    long today = store.readEvents(new EventQuery(type, TODAY, TODAY.plus(Duration.ofHours(1)), 100_000)).size();
    // Poisson counts: the difference of two draws with the same mean stays within 4.5 standard deviations.
    assertThat(yesterday).as("backfilled").isPositive();
    assertThat((double) Math.abs(yesterday - today)).as("yesterday %d vs today %d", yesterday, today)
        .isLessThanOrEqualTo(4.5 * Math.sqrt(yesterday + today) + 2);
  }

  @Test
  void backfilledRequestsAndPoolUtilisationMatchLiveTrafficAtTheSameHour() {
    InMemoryStore store = simulatedYesterdayAndToday();
    double requestsYesterday = total(store, StandardMetrics.HTTP_SERVER_REQUESTS, YESTERDAY);
    double requestsToday = total(store, StandardMetrics.HTTP_SERVER_REQUESTS, TODAY);
    assertThat(requestsYesterday).isCloseTo(requestsToday, within(0.05 * requestsToday));
    double poolYesterday = meanLast(store, StandardMetrics.DB_POOL_UTILIZATION, YESTERDAY);
    double poolToday = meanLast(store, StandardMetrics.DB_POOL_UTILIZATION, TODAY);
    assertThat(poolToday).isBetween(0.10, 0.35);
    assertThat(poolYesterday).isCloseTo(poolToday, within(0.05));
  }

  @Test
  void backfilledMemoryComesFromTheSimulationAndMatchesLiveAtTheSameHour() {
    InMemoryStore store = simulatedYesterdayAndToday();
    List<MetricSample> yesterday = hour(store, StandardMetrics.PROCESS_MEMORY_UTILIZATION, YESTERDAY);
    // One reading per simulated minute, moving with the simulated heap (not one JVM reading repeated).
    assertThat(yesterday).hasSize(60);
    assertThat(yesterday.stream().mapToDouble(MetricSample::last).distinct().count()).isGreaterThan(30);
    assertThat(yesterday).allSatisfy(s -> assertThat(s.last()).isBetween(SimulatedHeap.LIVE_SET,
        SimulatedHeap.COLLECT_AT));
    double memoryYesterday = meanLast(store, StandardMetrics.PROCESS_MEMORY_UTILIZATION, YESTERDAY);
    double memoryToday = meanLast(store, StandardMetrics.PROCESS_MEMORY_UTILIZATION, TODAY);
    assertThat(memoryYesterday).isCloseTo(memoryToday, within(0.06));
  }

  private static InMemoryStore cached;

  /** Yesterday's hour backfilled in one-minute ticks; today's hour in the live 200 ms ticks. */
  private static synchronized InMemoryStore simulatedYesterdayAndToday() {
    if (cached == null) {
      assertThat(DemoModel.incidentFactor(YESTERDAY)).isEqualTo(1.0);
      InMemoryStore store = InMemoryStore.create();
      RedactionPolicy redaction = RedactionPolicy.builder().pseudonymSalt("demo-salt-for-the-test-only").build();
      Backfill.fill(store, "demo-1", redaction, YESTERDAY, YESTERDAY.plus(Duration.ofHours(1)), false, () -> false,
          to -> { });
      Backfill.fill(store, "demo-1", redaction, TODAY, TODAY.plus(Duration.ofHours(1)), false, () -> false,
          to -> { }, Duration.ofMillis(200));
      cached = store;
    }
    return cached;
  }

  private static List<MetricSample> hour(InMemoryStore store, String metric, Instant from) {
    return store.readSamples(SampleQuery.of(metric, Resolution.MINUTE, from, from.plus(Duration.ofHours(1))));
  }

  private static double total(InMemoryStore store, String metric, Instant from) {
    return hour(store, metric, from).stream().mapToDouble(MetricSample::sum).sum();
  }

  private static double meanLast(InMemoryStore store, String metric, Instant from) {
    return hour(store, metric, from).stream().mapToDouble(MetricSample::last).average().orElseThrow();
  }
}
