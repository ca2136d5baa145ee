package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetry.store.SharedValue;
import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a store shares a value under a lease (ADR 0058, one summary per cluster): {@link
 * TelemetryStore#writeShared} stores a value when none is stored, when its holder writes again, or
 * when the lease has ended, and refuses every other node; of two nodes racing for an ended lease
 * exactly one wins. A store that shares nothing (the SPI's default) skips these tests.
 * {@link TelemetryStoreConformanceKit} extends it.
 */
public abstract class SharedValueConformanceKit extends ClusterRowsConformanceKit {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static SharedValue value(String holder, Instant at, byte... payload) {
    return new SharedValue("summary", holder, at, at.plus(LEASE), payload);
  }

  @Test
  void sharesAValueThatOnlyItsHolderReplacesUntilTheLeaseEnds() {
    assertThat(store.readShared("summary")).isEmpty();
    boolean first = store.writeShared(value("node-a", T0, (byte) 1, (byte) 2));
    assumeTrue(first, "the store shares nothing");

    assertThat(store.readShared("summary")).contains(value("node-a", T0, (byte) 1, (byte) 2));
    assertThat(store.writeShared(value("node-b", T0.plusSeconds(14), (byte) 3))).isFalse();
    assertThat(store.writeShared(value("node-a", T0.plusSeconds(5), (byte) 4))).isTrue();
    assertThat(store.writeShared(value("node-b", T0.plusSeconds(19), (byte) 5))).isFalse(); // renewed to 20 s
    assertThat(store.writeShared(value("node-b", T0.plusSeconds(20), (byte) 6))).isTrue();
    assertThat(store.writeShared(value("node-a", T0.plusSeconds(21), (byte) 7))).isFalse();

    assertThat(store.readShared("summary")).contains(value("node-b", T0.plusSeconds(20), (byte) 6));
    assertThat(store.readShared("another")).isEmpty();
  }

  @Test
  void ofTwoNodesRacingForAnEndedLeaseExactlyOneWins() throws Exception {
    assumeTrue(store.writeShared(value("node-x", T0)), "the store shares nothing");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (TelemetryStore second = secondNode()) {
      CyclicBarrier start = new CyclicBarrier(2);
      for (int round = 1; round <= 20; round++) {
        // every round starts after the lease of the previous round's winner has ended
        Instant at = T0.plus(LEASE.multipliedBy(round));
        List<Future<Boolean>> racers = new ArrayList<>();
        for (TelemetryStore on : List.of(store, second)) {
          String node = on == store ? "node-a" : "node-b";
          racers.add(threads.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return on.writeShared(value(node, at, (byte) round(at)));
          }));
        }
        int wins = 0;
        for (Future<Boolean> r : racers) {
          wins += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).as("winners of round %d", round).isEqualTo(1);
        assertThat(store.readShared("summary")).get().extracting(SharedValue::writtenAt).isEqualTo(at);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static int round(Instant at) {
    return (int) Duration.between(T0, at).dividedBy(LEASE);
  }
}
