package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Micrometer bridge stays bounded like the native path: caps per name, a budget for unmapped meters. */
class MicrometerBoundsTest {
  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);

  @AfterEach
  void stop() {
    registry.close();
    telemetry.close();
  }

  private static Timer request(MeterRegistry registry, String uri, int status) {
    return Timer.builder("http.server.requests").tags("uri", uri, "method", "GET", "status", Integer.toString(status),
        "exception", status >= 500 ? "IllegalStateException" : "none",
        "outcome", status >= 500 ? "SERVER_ERROR" : "SUCCESS").register(registry);
  }

  @Test
  void fiftyThousandRawUriValuesFoldIntoOverflowMetersAndEveryRequestAndErrorStillCounts() {
    long heapBefore = usedHeapAfterGc();
    for (int i = 0; i < 50_000; i++) {
      request(registry, "/search/q-" + Integer.toString(i, 36) + "x", i % 100 == 0 ? 500 : 200)
          .record(Duration.ofMillis(5));
    }
    long heapGrowth = usedHeapAfterGc() - heapBefore;
    telemetry.flush();

    assertThat(registry.find("http.server.requests").timers()).hasSize(100 + 2);
    assertThat(registry.find("http.server.requests").tag(MeterBudget.OVERFLOW_TAG, "true").timers())
        .allSatisfy(t -> assertThat(t.getId().getTag("uri")).isNull())
        .extracting(t -> t.getId().getTag("status")).containsExactlyInAnyOrder("200", "500");
    assertThat(registry.find("http.server.requests").tag(MeterBudget.OVERFLOW_TAG, "true").timers().stream()
        .mapToLong(Timer::count).sum()).isEqualTo(50_000 - 100);
    assertThat(registry.overflowedMeters()).isEqualTo(50_000 - 100);
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(50_000);
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_ERRORS)).isEqualTo(500);
    System.out.printf("50,000 raw uri values: %d meters, heap +%.1f MiB after GC%n", registry.getMeters().size(),
        heapGrowth / 1048576.0);
    assertThat(heapGrowth).as("heap growth after GC").isLessThan(8L << 20);
  }

  @Test
  void pastTheOverflowCapTooEverythingFoldsIntoOneMeterWithoutTags() {
    registry.close();
    registry = TelemetryMeterRegistry.builder(telemetry).maxMetersPerName(2).build();
    for (int i = 0; i < 10; i++) {
      registry.counter("jobs.processed", "queue", "q" + i).increment();
    }

    assertThat(registry.find("jobs.processed").counters()).hasSize(2 + 2 + 1);
    assertThat(registry.get("jobs.processed").tags(MeterBudget.OVERFLOW_TAG, "true").counters())
        .filteredOn(c -> c.getId().getTags().size() == 1).singleElement()
        .satisfies(c -> assertThat(c.count()).isEqualTo(6));
    assertThat(registry.overflowedMeters()).isEqualTo(8);
  }

  @Test
  void tenThousandUndeclaredTimersStopAtTheUnmappedBudgetAndTheRestAreDeniedAndCounted() {
    long heapBefore = usedHeapAfterGc();
    for (int i = 0; i < 10_000; i++) {
      Timer.builder("adhoc.job." + i).register(registry).record(Duration.ofMillis(1));
    }
    long heapGrowth = usedHeapAfterGc() - heapBefore;

    assertThat(registry.getMeters()).hasSize(1_000);
    assertThat(registry.unmappedMeters()).isEqualTo(1_000);
    assertThat(registry.deniedMeters()).isEqualTo(9_000);
    System.out.printf("10,000 undeclared timers: %d meters, heap +%.1f MiB after GC%n", registry.getMeters().size(),
        heapGrowth / 1048576.0);
    assertThat(heapGrowth).as("heap growth after GC").isLessThan(8L << 20);
  }

  @Test
  void mappedMetersAreNeverDeniedByTheUnmappedBudget() {
    registry.close();
    registry = TelemetryMeterRegistry.builder(telemetry).maxUnmappedMeters(2).build();
    for (int i = 0; i < 5; i++) {
      registry.counter("cache.misses." + i).increment();
    }
    Counter jobs = registry.counter("jobs.processed", "queue", "emails");
    jobs.increment(7);
    telemetry.flush();

    assertThat(registry.deniedMeters()).isEqualTo(3);
    assertThat(jobs.count()).isEqualTo(7);
    assertThat(BridgeFixtures.total(store, BridgeFixtures.JOBS)).isEqualTo(7);
  }

  @Test
  void aRemovedMeterFreesItsPlaceUnderTheCap() {
    registry.close();
    registry = TelemetryMeterRegistry.builder(telemetry).maxMetersPerName(2).build();
    Counter a = registry.counter("jobs.processed", "queue", "a");
    registry.counter("jobs.processed", "queue", "b");
    registry.counter("jobs.processed", "queue", "c").increment();
    assertThat(registry.overflowedMeters()).isEqualTo(1);

    registry.remove(a);
    registry.counter("jobs.processed", "queue", "d").increment();
    assertThat(registry.find("jobs.processed").tag("queue", "d").counter()).isNotNull();
    assertThat(registry.overflowedMeters()).isEqualTo(1);
  }

  @Test
  void theBridgesDropsArePublishedAsSelfMetrics() {
    registry.close();
    registry = TelemetryMeterRegistry.builder(telemetry).maxUnmappedMeters(1).maxMetersPerName(1).build();
    registry.counter("a.b").increment();
    registry.counter("c.d").increment();
    registry.counter("jobs.processed", "queue", "a");
    registry.counter("jobs.processed", "queue", "b");
    SimpleMeterRegistry monitoring = new SimpleMeterRegistry();
    new TelemetrySelfMetrics(telemetry, registry).bindTo(monitoring);

    assertThat(monitoring.get("telemetry.micrometer.meters.denied").functionCounter().count()).isEqualTo(1);
    assertThat(monitoring.get("telemetry.micrometer.meters.overflowed").functionCounter().count()).isEqualTo(1);
    assertThat(monitoring.get("telemetry.micrometer.meters.unmapped").gauge().value()).isEqualTo(1);
  }

  @Test
  void rejectsBudgetsOutOfRangeNamingTheSetting() {
    assertThatThrownBy(() -> TelemetryMeterRegistry.builder(telemetry).maxMetersPerName(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMetersPerName").hasMessageContaining("0");
    assertThatThrownBy(() -> TelemetryMeterRegistry.builder(telemetry).maxUnmappedMeters(100_001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxUnmappedMeters");
  }

  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
