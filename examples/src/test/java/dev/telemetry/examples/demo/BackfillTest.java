package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
}
