package dev.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.health.Freshness.FreshnessStatus;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(300);

  @Test
  void freshBelowTtlStaleBelowTwiceTtlDeadFromTwiceTtl() {
    assertThat(statusAtAge(Duration.ZERO)).isEqualTo(FreshnessStatus.FRESH);
    assertThat(statusAtAge(TTL.minusNanos(1))).isEqualTo(FreshnessStatus.FRESH);
    assertThat(statusAtAge(TTL)).isEqualTo(FreshnessStatus.STALE);
    assertThat(statusAtAge(TTL.multipliedBy(2).minusNanos(1))).isEqualTo(FreshnessStatus.STALE);
    assertThat(statusAtAge(TTL.multipliedBy(2))).isEqualTo(FreshnessStatus.DEAD);
    assertThat(statusAtAge(Duration.ofSeconds(-30))).isEqualTo(FreshnessStatus.FRESH);
  }

  @Test
  void carriesAgeTtlLastDurationAndOk() {
    Heartbeat job = new Heartbeat("nightly_report", Heartbeat.Kind.JOB, "a", NOW.minusSeconds(45), TTL,
        Duration.ofMillis(1250), false, "3 rows failed");
    assertThat(Freshness.of(job, NOW)).isEqualTo(new Freshness("nightly_report", Heartbeat.Kind.JOB, "a",
        FreshnessStatus.FRESH, NOW.minusSeconds(45), 45.0, 300.0, 1250.0, false, "3 rows failed"));
  }

  @Test
  void readAllListsEveryTrackedKeyFromTheStoreWorstFirst() {
    InMemoryStore store = InMemoryStore.create();
    store.write(new WriteBatch("1", "a", List.of(), List.of(), List.of(), List.of(), List.of(
        beat("b_key", NOW.minusSeconds(10)), beat("a_key", NOW.minusSeconds(10)),
        beat("stale_key", NOW.minusSeconds(400)), beat("dead_key", NOW.minusSeconds(900)))));
    List<Freshness> rows = Freshness.readAll(store, NOW);
    assertThat(rows).extracting(Freshness::name).containsExactly("dead_key", "stale_key", "a_key", "b_key");
    assertThat(rows).extracting(Freshness::status).containsExactly(FreshnessStatus.DEAD, FreshnessStatus.STALE,
        FreshnessStatus.FRESH, FreshnessStatus.FRESH);
  }

  private static Heartbeat beat(String name, Instant lastSeen) {
    return new Heartbeat(name, Heartbeat.Kind.KEY, "a", lastSeen, TTL, null, true, null);
  }

  private static FreshnessStatus statusAtAge(Duration age) {
    return Freshness.of(beat("k", NOW.minus(age)), NOW).status();
  }
}
