package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static dev.telemetry.Fixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Eight writers record a million values each while a flusher snapshots continuously: what the
 * store holds must equal what was recorded, exactly, over many intervals.
 */
class ConcurrentRecordingTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 1_000_000;

  @Test
  void totalsFlushedEqualTotalsRecordedExactly() throws Exception {
    InMemoryStore store = InMemoryStore.create();
    Telemetry telemetry = Telemetry.builder().service("load").contract(Fixtures.contract(100)).store(store)
        .clock(Clock.systemUTC()).flushInterval(Duration.ofSeconds(1)).closeOnShutdown(false).build();
    Histogram latency = telemetry.histogram(LATENCY);
    Counter requests = telemetry.counter(REQUESTS);
    BoundHistogram bound = latency.bind("route", "/bound");

    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String route = "/r" + (t % 4);
      Thread w = new Thread(() -> {
        await(go);
        for (int i = 0; i < PER_THREAD; i++) {
          // Integral values keep the double sums exact, so equality is a fair test.
          double v = 1 + (i & 7);
          if ((i & 1) == 0) {
            latency.record(v, "route", route, "method", "GET");
          } else {
            bound.record(v);
          }
          requests.increment("route", route);
        }
      });
      w.start();
      writers.add(w);
    }
    int[] flushes = {0};
    Thread flusher = new Thread(() -> {
      while (writing.get()) {
        telemetry.flush();
        flushes[0]++;
      }
    });
    go.countDown();
    flusher.start();
    for (Thread w : writers) {
      w.join();
    }
    writing.set(false);
    flusher.join();
    telemetry.flush();
    assertThat(telemetry.awaitWritten(Duration.ofSeconds(30))).isTrue();

    long recorded = (long) THREADS * PER_THREAD;
    double recordedSum = (double) THREADS * (PER_THREAD / 8) * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8);
    assertThat(flushes[0]).as("snapshots taken while writing").isGreaterThan(10);
    assertThat(Fixtures.totalCount(store, LATENCY)).isEqualTo(recorded);
    assertThat(Fixtures.totalSum(store, LATENCY)).isEqualTo(recordedSum);
    assertThat(Fixtures.totalSum(store, REQUESTS)).isEqualTo(recorded);
    assertThat(Fixtures.totalCount(store, REQUESTS)).isEqualTo(recorded);
    SelfMetrics self = telemetry.selfMetrics();
    assertThat(self.contendedDrops()).isZero();
    assertThat(self.droppedRows()).isZero();
    assertThat(self.internalErrors()).isZero();
    telemetry.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
