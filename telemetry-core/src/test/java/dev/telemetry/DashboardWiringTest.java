package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.signals.Summary;
import dev.telemetry.store.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One Telemetry instance gives the whole read side: queries, summary, health, freshness, pages. */
class DashboardWiringTest {
  private static final MetricContract CONTRACT =
      StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();

  @Test
  void exposesQueriesSummaryHealthAndPagesOverTheSameStore() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    InMemoryStore store = InMemoryStore.create();
    try (Telemetry telemetry = Telemetry.builder().service("shop").contract(CONTRACT).store(store).clock(clock)
        .backgroundThreads(false).closeOnShutdown(false)
        .healthProbe("payments_api", () -> ProbeResult.degraded("slow"))
        .page(PageProvider.of("overview", Duration.ofSeconds(30), PageSection.of("answer", "Answer", () -> dev.telemetry.pages.SectionView.text("42"))))
        .build()) {
      clock.advance(Duration.ofMinutes(2));
      for (int minute = 0; minute < 5; minute++) {
        for (int i = 0; i < 100; i++) {
          telemetry.histogram(StandardMetrics.HTTP_SERVER_DURATION).record(0.1, "route", "/a");
          telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS).increment("route", "/a");
        }
        telemetry.counter(StandardMetrics.HTTP_SERVER_ERRORS).increment("route", "/a");
        clock.advance(Duration.ofMinutes(1));
        telemetry.flush();
      }

      Summary summary = telemetry.summary().refresh();
      assertThat(summary.collectingData()).isFalse();
      assertThat(summary.vitalSigns()).extracting(v -> v.name()).isNotEmpty();
      assertThat(summary.vitalSigns()).anySatisfy(v -> assertThat(v.value()).isNotNull());
      assertThat(telemetry.summary().current()).isSameAs(summary);

      List<ServiceHealth> health = telemetry.health().checkNow().get(5, TimeUnit.SECONDS);
      assertThat(health).extracting(ServiceHealth::service)
          .containsExactly("telemetry_store", "telemetry_pipeline", "payments_api");
      assertThat(health).extracting(ServiceHealth::status)
          .containsExactly(HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.DEGRADED);

      assertThat(telemetry.queries().trend(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS,
          QueryRange.last(TimeRange.LAST_HOUR))).series()).isNotEmpty();
      assertThat(telemetry.pages().page("overview").view("answer")).contains(dev.telemetry.pages.SectionView.text("42"));
      assertThat(telemetry.queries().slowSpanThreshold()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void refreshesTheSummaryInTheBackground() throws Exception {
    CountDownLatch refreshed = new CountDownLatch(1);
    try (Telemetry telemetry = Telemetry.builder().service("shop").contract(CONTRACT).closeOnShutdown(false).build()) {
      telemetry.summary().addListener(s -> refreshed.countDown());
      assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
