package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.CounterCells.CounterTotals;
import dev.telemetry.sketch.LatencySketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many more writers than cores, released together, on one histogram and one counter series while
 * a flusher drains continuously: after the writers join, the intervals add up to exactly what was
 * recorded, and the distribution is the one a single thread would have built.
 */
class ContendedRecordingTest {
  private static final int WRITERS = Math.max(32, Runtime.getRuntime().availableProcessors() * 8);
  private static final int PER_WRITER = 100_000;
  private static final int DISTINCT = 1000;

  /** Multiples of 0.5 from 1 to 500.5: exact in binary, so double sums are exact too. */
  private static double value(int writer, int i) {
    return 1 + ((writer * 31 + i) % DISTINCT) * 0.5;
  }

  @Test
  void noRecordIsLostOrCountedTwiceUnderContentionWhileFlushing() throws Exception {
    SketchCells histogram = new SketchCells(AdaptiveStripes.defaultStripeCount());
    CounterCells counter = new CounterCells(AdaptiveStripes.defaultStripeCount());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < PER_WRITER; i++) {
          double v = value(writer, i);
          histogram.record(v);
          counter.add(v);
        }
      });
      t.start();
      writers.add(t);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    LatencySketch flushed = new LatencySketch();
    CounterTotals counted = new CounterTotals();
    int[] intervals = {0};
    Thread flusher = new Thread(() -> {
      while (writing.get()) {
        LatencySketch interval = new LatencySketch();
        histogram.drainInto(interval);
        flushed.merge(interval);
        counter.drainInto(counted);
        intervals[0]++;
      }
    });
    flusher.start();
    go.countDown();
    for (Thread t : writers) {
      t.join();
    }
    writing.set(false);
    flusher.join();
    histogram.drainInto(flushed);
    counter.drainInto(counted);

    LatencySketch expected = new LatencySketch();
    double[] sorted = new double[WRITERS * PER_WRITER];
    int k = 0;
    for (int w = 0; w < WRITERS; w++) {
      for (int i = 0; i < PER_WRITER; i++) {
        expected.record(value(w, i));
        sorted[k++] = value(w, i);
      }
    }
    Arrays.sort(sorted);
    assertThat(intervals[0]).as("drains while writing").isPositive();
    assertThat(flushed.count()).isEqualTo(expected.count());
    assertThat(flushed.sum()).isEqualTo(expected.sum());
    assertThat(flushed.min()).isEqualTo(expected.min());
    assertThat(flushed.max()).isEqualTo(expected.max());
    assertThat(counted.count).isEqualTo(expected.count());
    assertThat(counted.sum).isEqualTo(expected.sum());
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999}) {
      double exact = sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
      assertThat(flushed.quantile(q)).as("q%s", q).isEqualTo(expected.quantile(q))
          .isCloseTo(exact, within(exact * 0.0055));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
