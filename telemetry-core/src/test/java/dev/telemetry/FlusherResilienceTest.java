package dev.telemetry;

import static dev.telemetry.Fixtures.POOL;
import static dev.telemetry.Fixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.InMemoryStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The flusher thread meets an error it cannot handle (a gauge callback overflowing its stack):
 * the error is contained and counted, the thread carries on, and later data is still written.
 */
class FlusherResilienceTest {
  @Test
  void containsAnErrorThrownByAGaugeCallbackAndCountsIt() {
    InMemoryStore store = InMemoryStore.create();
    AtomicInteger calls = new AtomicInteger();
    try (Telemetry telemetry = Telemetry.builder().service("svc").contract(Fixtures.contract(10)).store(store)
        .flushInterval(Duration.ofSeconds(1)).closeOnShutdown(false).build()) {
      telemetry.gauge(POOL).register(() -> {
        if (calls.incrementAndGet() <= 2) {
          throw new StackOverflowError("simulated");
        }
        return 0.5;
      }, "pool", "main");
      telemetry.counter(REQUESTS).add(3);

      // Scheduled flushes hit the failing callback; wait (bounded) until the flusher has recovered.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (calls.get() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      telemetry.counter(REQUESTS).add(4);
      telemetry.flush();
      assertThat(telemetry.awaitWritten(Duration.ofSeconds(10))).isTrue();

      assertThat(calls.get()).isGreaterThanOrEqualTo(3);
      assertThat(telemetry.selfMetrics().callbackErrors()).isEqualTo(2);
      assertThat(telemetry.selfMetrics().flusherErrors()).isZero();
      assertThat(Fixtures.totalSum(store, REQUESTS)).isEqualTo(7);
      assertThat(Fixtures.samples(store, POOL)).isNotEmpty();
    }
  }
}
