package dev.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.MutableClock;
import dev.telemetry.status.Threshold;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.StoreStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreSizeProbeTest {
  private static final long MIB = 1024 * 1024;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final AtomicLong size = new AtomicLong(10 * MIB);
  private final AtomicInteger statsCalls = new AtomicInteger();
  private boolean down;
  private final ForwardingStore store = new ForwardingStore(InMemoryStore.create()) {
    @Override
    public StoreStats stats() {
      statsCalls.incrementAndGet();
      return new StoreStats("sqlite", size.get(), 0L, List.of());
    }

    @Override
    public Optional<Instant> readWatermark(String name) {
      if (down) {
        throw new StoreException("connection refused", null);
      }
      return super.readWatermark(name);
    }
  };
  private final HealthProbe probe = Probes.storeSize(store, clock, Threshold.higherIsWorse(100, 400),
      Duration.ofMinutes(5));

  @Test
  void isHealthyUnderTheYellowLineAndDegradedOverIt() throws Exception {
    assertThat(probe.check().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(probe.check().detail()).contains("10.0 MiB");

    size.set(150 * MIB);
    clock.advance(Duration.ofMinutes(5));
    ProbeResult yellow = probe.check();
    assertThat(yellow.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(yellow.detail()).contains("150.0 MiB", "yellow line");

    size.set(500 * MIB);
    clock.advance(Duration.ofMinutes(5));
    assertThat(probe.check().detail()).contains("red line");
  }

  @Test
  void readsTheSizeAtMostOncePerIntervalButTheStoreOnEveryCheck() throws Exception {
    probe.check();
    size.set(150 * MIB);
    clock.advance(Duration.ofMinutes(4));
    assertThat(probe.check().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(statsCalls).hasValue(1);

    down = true;
    assertThatThrownBy(probe::check).isInstanceOf(StoreException.class);
  }

  @Test
  void isHealthyWhenTheStoreCannotTellItsSize() throws Exception {
    HealthProbe unknown = Probes.storeSize(InMemoryStore.create(), clock, Threshold.higherIsWorse(1, 2),
        Duration.ofMinutes(5));
    assertThat(unknown.check()).satisfies(r -> {
      assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(r.detail()).contains("size unknown");
    });
  }
}
