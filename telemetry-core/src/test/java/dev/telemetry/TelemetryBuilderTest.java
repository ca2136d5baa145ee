package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TelemetryBuilderTest {
  @Test
  void requiresAService() {
    assertThatThrownBy(() -> Telemetry.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service is required");
  }

  @Test
  void namesTheSettingValueAndRuleOfABadName() {
    assertThatThrownBy(() -> Telemetry.builder().service("my app"))
        .hasMessage("service must match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, was 'my app'");
  }

  @Test
  void reportsEveryBadSettingAtOnce() {
    assertThatThrownBy(() -> Telemetry.builder().service("svc").flushInterval(Duration.ofSeconds(7))
        .retention(Duration.ofDays(90)).maxBatchRows(0).closeOnShutdown(false).build())
        .hasMessageContaining("flushInterval must be between 1s and 60s and divide a minute evenly")
        .hasMessageContaining("was PT7S")
        .hasMessageContaining("retention must be between 1 hour and 30 days, was PT2160H")
        .hasMessageContaining("maxBatchRows must be between 1 and 100000, was 0");
  }

  @Test
  void keepsDayRollupsFourHundredDaysByDefaultAndRefusesADayRetentionOutsideItsBounds() {
    try (Telemetry t = Telemetry.builder().service("svc").backgroundThreads(false).closeOnShutdown(false).build()) {
      assertThat(t.config().dayRetention()).isEqualTo(Duration.ofDays(400));
      assertThat(t.queries().dayRetention()).isEqualTo(Duration.ofDays(400));
    }
    assertThatThrownBy(() -> Telemetry.builder().service("svc").retention(Duration.ofDays(30))
        .dayRetention(Duration.ofDays(7)).closeOnShutdown(false).build())
        .hasMessageContaining("dayRetention must be between the retention (PT720H) and PT87840H, was PT168H");
    assertThatThrownBy(() -> Telemetry.builder().service("svc").dayRetention(Duration.ofDays(3661))
        .closeOnShutdown(false).build())
        .hasMessageContaining("dayRetention must be between").hasMessageContaining("was PT87864H");
  }

  @Test
  void refusesAContractWhoseLabelsAreForbiddenFields() {
    MetricContract contract = MetricContract.builder()
        .counter("logins_total", m -> m.labels("email", "method"))
        .build();
    assertThatThrownBy(() -> Telemetry.builder().service("svc").contract(contract).closeOnShutdown(false).build())
        .hasMessageContaining("metric 'logins_total': label key 'email' is a forbidden field");
  }

  @Test
  void defaultsMatchTheDesign() {
    try (Telemetry telemetry = Telemetry.builder().service("svc").closeOnShutdown(false).build()) {
      TelemetryConfig config = telemetry.config();
      assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(60));
      assertThat(config.retention()).isEqualTo(Duration.ofDays(30));
      assertThat(config.environment()).isEqualTo("production");
      assertThat(config.store()).isNotNull();
    }
  }

  @Test
  void acceptsEveryFlushIntervalThatDividesAMinute() {
    MetricContract contract = MetricContract.builder()
        .gauge("queue_depth_items", m -> m.unit(MetricUnit.ITEMS)).build();
    for (int seconds : new int[] {1, 2, 5, 10, 15, 30, 60}) {
      Telemetry.builder().service("svc").contract(contract).flushInterval(Duration.ofSeconds(seconds))
          .closeOnShutdown(false).build().close();
    }
  }

  @Test
  void rollupsRecomputeOnlyWhatTheRetentionStillKeeps() {
    try (Telemetry telemetry = Telemetry.builder().service("svc").retention(Duration.ofHours(24))
        .backgroundThreads(false).closeOnShutdown(false).build()) {
      java.time.Instant now = telemetry.clock().instant();
      assertThatThrownBy(() -> telemetry.rollups().rebuild(now.minus(Duration.ofHours(30)), now))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minute samples kept (PT24H)");
      assertThat(telemetry.rollups().rebuild(now.minus(Duration.ofHours(20)), now).complete()).isTrue();
    }
  }
}
