package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.sketch.LatencySketch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the writers, their values and the moments the flusher drains, every value lands in
 * exactly one interval: the intervals merged equal what was recorded, bucket for bucket.
 */
class FlushIntervalProperties {

  @Property(tries = 40)
  void everyValueLandsInExactlyOneInterval(
      @ForAll @Size(min = 2, max = 6) List<@Size(max = 3000) List<@IntRange(min = 1, max = 64) Integer>> writers,
      @ForAll @IntRange(min = 1, max = 50) int drains,
      @ForAll @IntRange(min = 2, max = 16) int stripeLimit) throws Exception {
    SketchCells cells = new SketchCells(Integer.highestOneBit(stripeLimit)); // 2, 4, 8 or 16 stripes at most
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (List<Integer> values : writers) {
      Thread t = new Thread(() -> {
        awaitQuietly(go);
        for (int v : values) {
          cells.record(v);
        }
      });
      t.start();
      threads.add(t);
    }
    List<LatencySketch> intervals = new ArrayList<>();
    go.countDown();
    for (int d = 0; d < drains; d++) {
      LatencySketch interval = new LatencySketch();
      cells.drainInto(interval);
      intervals.add(interval);
    }
    for (Thread t : threads) {
      t.join();
    }
    LatencySketch last = new LatencySketch();
    cells.drainInto(last);
    intervals.add(last);

    LatencySketch merged = new LatencySketch();
    intervals.forEach(merged::merge);
    LatencySketch expected = new LatencySketch();
    writers.forEach(values -> values.forEach(expected::record));
    assertThat(merged.count()).isEqualTo(expected.count());
    assertThat(merged.sum()).isEqualTo(expected.sum());
    // Integers 1..64 fall into distinct buckets, so equal quantiles at every rank mean equal histograms.
    for (long rank = 1; rank <= expected.count(); rank += Math.max(1, expected.count() / 200)) {
      double q = (double) rank / expected.count();
      assertThat(merged.quantile(q)).as("rank %d", rank).isEqualTo(expected.quantile(q));
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
