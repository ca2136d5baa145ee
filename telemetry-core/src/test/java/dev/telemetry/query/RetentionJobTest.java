package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.LATENCY;
import static dev.telemetry.query.QueryFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionJob.RetentionReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetentionJobTest {
  private static final Map<String, String> L = Map.of("route", "/a");
  private final QueryFixtures f = new QueryFixtures();

  private void seed() {
    List<MetricSample> samples = new ArrayList<>();
    for (int h = 0; h < 40 * 24; h += 6) {
      Instant t = NOW.minus(Duration.ofHours(h));
      samples.add(QueryFixtures.histogram(t, Resolution.MINUTE, "a", L, 1));
      samples.add(QueryFixtures.histogram(t, Resolution.HOUR, "a", L, 1));
    }
    f.store.replaceSamples(samples);
    List<LogEvent> logs = List.of(
        new LogEvent(NOW.minus(Duration.ofDays(31)), LogLevel.WARN, "s", "a", "", "old", "", null, null, Map.of()),
        new LogEvent(NOW.minus(Duration.ofDays(1)), LogLevel.WARN, "s", "a", "", "new", "", null, null, Map.of()));
    f.store.write(new WriteBatch("logs", "a", List.of(), logs, List.of(), List.of(), List.of()));
  }

  private long count(Resolution r) {
    return f.store.readSamples(SampleQuery.of(LATENCY, r, Instant.EPOCH, NOW.plusSeconds(1))).size();
  }

  @Test
  void deletesRawMinutesAfter48HoursAndEverythingElseAfterTheRetention() {
    seed();
    RetentionReport report = RetentionJob.builder(f.store, f.clock, Duration.ofDays(30)).build().runOnce();

    assertThat(count(Resolution.MINUTE)).isEqualTo(9); // 0, 6 … 48 h ago
    assertThat(count(Resolution.HOUR)).isEqualTo(121); // 0 … 30 days ago
    assertThat(report.deleted()).containsEntry(DataKind.MINUTE_SAMPLES, 160L - 9)
        .containsEntry(DataKind.HOUR_SAMPLES, 160L - 121).containsEntry(DataKind.LOGS, 1L)
        .containsEntry(DataKind.TRACES, 0L)
        // the marks the seed's writes left: 39 hours and 11 days (Jan 29 to Feb 8) older than 30 days
        .containsEntry(DataKind.DIRTY_BUCKETS, 39L + 11);
    assertThat(report.complete()).isTrue();
    assertThat(report.totalDeleted()).isEqualTo(151 + 39 + 1 + 50);
    assertThat(report.ranAt()).isEqualTo(NOW);
  }

  @Test
  void deletesInBoundedChunks() {
    seed();
    RetentionJob job = RetentionJob.builder(f.store, f.clock, Duration.ofDays(30)).chunkSize(10)
        .maxChunksPerKind(3).build();
    RetentionReport first = job.runOnce();
    assertThat(first.deleted().get(DataKind.MINUTE_SAMPLES)).isEqualTo(30);
    assertThat(first.complete()).isFalse();
    while (!job.runOnce().complete()) {
      // each run is bounded; repeated runs finish the work
    }
    assertThat(count(Resolution.MINUTE)).isEqualTo(9);
  }

  @Test
  void keepsMinutesTheRollupJobHasNotRolledUp() {
    seed();
    f.store.writeWatermark(Watermarks.HOUR, NOW.minus(Duration.ofHours(72)));
    RetentionJob.builder(f.store, f.clock, Duration.ofDays(30)).build().runOnce();
    assertThat(count(Resolution.MINUTE)).isEqualTo(13); // 0 … 72 h ago
  }

  @Test
  void rawRetentionIsConfigurableWithinTheRetention() {
    seed();
    RetentionJob.builder(f.store, f.clock, Duration.ofDays(30)).rawRetention(Duration.ofHours(12)).build()
        .runOnce();
    assertThat(count(Resolution.MINUTE)).isEqualTo(3);
    assertThatThrownBy(() -> RetentionJob.builder(f.store, f.clock, Duration.ofDays(1))
        .rawRetention(Duration.ofDays(2))).hasMessageContaining("rawRetention");
    assertThatThrownBy(() -> RetentionJob.builder(f.store, f.clock, Duration.ofDays(31)))
        .hasMessageContaining("retention");
  }

  @Test
  void startSchedulesHourlyRunsThatSurviveAFailure() throws Exception {
    CapturingExecutor executor = new CapturingExecutor();
    try {
      seed();
      RetentionJob.builder(f.store, f.clock, Duration.ofDays(30)).build().start(executor);
      assertThat(executor.periodMillis).isEqualTo(Duration.ofHours(1).toMillis());
      executor.command.run();
      assertThat(count(Resolution.MINUTE)).isEqualTo(9);

      RetentionJob.builder(failingStore(), f.clock, Duration.ofDays(30)).build().start(executor);
      executor.command.run(); // contained: does not throw, so the schedule survives
    } finally {
      executor.shutdownNow();
    }
  }

  /** Captures the command instead of running it, so the test runs it without waiting. */
  private static final class CapturingExecutor extends ScheduledThreadPoolExecutor {
    Runnable command;
    long periodMillis;

    CapturingExecutor() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      this.command = command;
      this.periodMillis = unit.toMillis(period);
      return schedule((Callable<Object>) () -> null, 1, TimeUnit.DAYS);
    }
  }

  private static TelemetryStore failingStore() {
    return (TelemetryStore) Proxy.newProxyInstance(TelemetryStore.class.getClassLoader(),
        new Class<?>[] {TelemetryStore.class}, (proxy, method, args) -> {
          throw new StoreException("store down");
        });
  }
}
