package dev.telemetry;

import static dev.telemetry.Fixtures.REQUESTS;
import static dev.telemetry.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store fails, throws, times out after committing, or refuses for good: nothing is lost or doubled within the budget, and drops past it are counted exactly. */
class StoreFaultTest {
  private final MutableClock clock = new MutableClock(T0);
  private final FlakyStore store = new FlakyStore();

  @Test
  void writesEverythingExactlyOnceAfterTheStoreRecovers() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    Counter requests = telemetry.counter(REQUESTS);
    store.mode = FlakyStore.Mode.FAIL;
    for (int minute = 0; minute < 5; minute++) {
      requests.add(minute + 1, "route", "/a");
      telemetry.flush();
      clock.advance(Duration.ofMinutes(1));
      store.mode = minute % 2 == 0 ? FlakyStore.Mode.THROW : FlakyStore.Mode.FAIL;
    }
    assertThat(Fixtures.samples(store.delegate, REQUESTS)).isEmpty();
    assertThat(telemetry.selfMetrics().queueDepth()).isEqualTo(5);

    store.mode = FlakyStore.Mode.OK;
    telemetry.flush();

    assertThat(Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(1 + 2 + 3 + 4 + 5);
    assertThat(Fixtures.samples(store.delegate, REQUESTS)).hasSize(5);
    SelfMetrics self = telemetry.selfMetrics();
    assertThat(self.writeFailures()).isEqualTo(5);
    assertThat(self.droppedRows()).isZero();
    assertThat(self.queueDepth()).isZero();
    telemetry.close();
  }

  @Test
  void aBatchRetriedAfterATimeoutThatCommittedIsNotCountedTwice() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.counter(REQUESTS).add(7);
    store.mode = FlakyStore.Mode.APPLY_THEN_FAIL;
    telemetry.flush();
    store.mode = FlakyStore.Mode.OK;
    telemetry.flush();

    assertThat(store.attempts.get()).isEqualTo(2);
    assertThat(Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(7);
    telemetry.close();
  }

  @Test
  void dropsTheOldestBatchesPastTheMemoryBudgetAndCountsThemExactly() {
    Telemetry telemetry = Fixtures.manual(store, clock).maxPendingBytes(64 << 10).build();
    Counter requests = telemetry.counter(REQUESTS);
    store.mode = FlakyStore.Mode.FAIL;
    int minutes = 60;
    int seriesPerMinute = 50;
    for (int minute = 0; minute < minutes; minute++) {
      for (int s = 0; s < seriesPerMinute; s++) {
        requests.add(1, "route", "/r" + s);
      }
      telemetry.flush();
      clock.advance(Duration.ofMinutes(1));
    }
    SelfMetrics during = telemetry.selfMetrics();
    assertThat(during.droppedBatches()).as("the budget must have been exceeded").isPositive();
    assertThat(during.pendingBytes()).isLessThanOrEqualTo(64 << 10);

    store.mode = FlakyStore.Mode.OK;
    telemetry.flush();

    SelfMetrics after = telemetry.selfMetrics();
    long recorded = (long) minutes * seriesPerMinute;
    assertThat(after.droppedSamples()).isEqualTo(after.droppedBatches() * seriesPerMinute);
    assertThat((long) Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(recorded - after.droppedSamples());
    // The oldest were dropped: the newest minute is there.
    assertThat(Fixtures.samples(store.delegate, REQUESTS))
        .anySatisfy(s -> assertThat(s.bucketStart()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(minutes - 1))
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
    telemetry.close();
  }

  @Test
  void dropsAndCountsABatchTheStoreRefusesForGood() {
    Telemetry telemetry = Fixtures.manual(store, clock).build();
    telemetry.counter(REQUESTS).add(3);
    store.mode = FlakyStore.Mode.PERMANENT;
    telemetry.flush();
    store.mode = FlakyStore.Mode.OK;
    telemetry.counter(REQUESTS).add(4);
    telemetry.flush();

    assertThat(Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(4);
    assertThat(telemetry.selfMetrics().droppedSamples()).isEqualTo(1);
    telemetry.close();
  }

  @Test
  void backgroundWriterRetriesWithBackoffUntilTheStoreRecovers() {
    Telemetry telemetry = Telemetry.builder().service("svc").contract(Fixtures.contract(10)).store(store)
        .clock(clock).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).closeOnShutdown(false).build();
    store.mode = FlakyStore.Mode.FAIL;
    telemetry.counter(REQUESTS).add(5);
    telemetry.flush();
    while (store.attempts.get() < 3) {
      Thread.onSpinWait();
    }
    store.mode = FlakyStore.Mode.OK;

    assertThat(telemetry.awaitWritten(Duration.ofSeconds(10))).isTrue();
    assertThat(Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(5);
    telemetry.close();
  }

  @Test
  void closeFlushesWhatIsPending() {
    Telemetry telemetry = Telemetry.builder().service("svc").contract(Fixtures.contract(10)).store(store)
        .clock(clock).closeOnShutdown(false).build();
    telemetry.counter(REQUESTS).add(9);
    telemetry.warn("billing", "slow_invoice", "took long");
    telemetry.close();

    assertThat(Fixtures.totalSum(store.delegate, REQUESTS)).isEqualTo(9);
  }

  @Test
  void closeGivesUpAfterTheTimeoutAndCountsWhatItDropped() {
    Telemetry telemetry = Telemetry.builder().service("svc").contract(Fixtures.contract(10)).store(store)
        .clock(clock).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).closeTimeout(Duration.ofMillis(200))
        .closeOnShutdown(false).build();
    store.mode = FlakyStore.Mode.FAIL;
    telemetry.counter(REQUESTS).add(9);
    long start = System.nanoTime();
    telemetry.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(telemetry.selfMetrics().droppedSamples()).isEqualTo(1);
    assertThat(telemetry.selfMetrics().queueDepth()).isZero();
  }
}
