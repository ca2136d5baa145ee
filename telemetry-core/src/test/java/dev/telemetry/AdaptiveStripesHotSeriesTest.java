package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.sketch.LatencySketch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A hot series' stripes get private sketches, a bounded few, released once the series cools. */
class AdaptiveStripesHotSeriesTest {
  private static final int MAX_STRIPES = 8;
  private static final int LIMIT = SketchCells.privateSketchLimit(MAX_STRIPES);
  private static final int HOT_VALUES = SketchCells.SharedSketch.HOT_DRAINS * (SketchCells.ValueBuffer.CAPACITY + 1);

  @Test
  void aHotSeriesSpreadsToEveryStripeAndItsWriterRecordsIntoItsOwnSketchUntilAnIntervalFindsItCool() throws Exception {
    SketchCells cells = stripedCells();

    assertThat(cells.activeStripes()).isLessThan(MAX_STRIPES);

    onNewThread(() -> record(cells, 3 * HOT_VALUES));
    assertThat(cells.activeStripes()).as("hot: every writer's home stripe fixed").isEqualTo(MAX_STRIPES);
    assertThat(cells.privateSketches()).isEqualTo(1);

    LatencySketch first = new LatencySketch();
    cells.drainInto(first);
    assertThat(first.count()).isEqualTo(1 + 3 * HOT_VALUES);
    assertThat(cells.privateSketches()).as("it took a hot interval's values: stays").isEqualTo(1);

    onNewThread(() -> record(cells, 100));
    LatencySketch second = new LatencySketch();
    cells.drainInto(second);
    assertThat(second.count()).isEqualTo(100);
    assertThat(cells.privateSketches()).as("a quiet interval releases it").isZero();
  }

  @Test
  void aSeriesHoldsAtMostItsLimitOfPrivateSketches() throws Exception {
    SketchCells cells = new SketchCells(MAX_STRIPES);
    cells.shared.lock(); // every stripe fills, misses and grows: all MAX_STRIPES in use
    try {
      record(cells, MAX_STRIPES * SketchCells.ValueBuffer.CAPACITY);
    } finally {
      cells.shared.unlock();
    }
    assertThat(cells.activeStripes()).isEqualTo(MAX_STRIPES);

    for (int t = 0; t < 4 * MAX_STRIPES; t++) { // threads start on different stripes
      onNewThread(() -> record(cells, 2 * HOT_VALUES));
    }

    assertThat(LIMIT).isLessThan(MAX_STRIPES);
    assertThat(cells.privateSketches()).isEqualTo(LIMIT);
    LatencySketch drained = new LatencySketch();
    cells.drainInto(drained);
    assertThat(drained.count()).isEqualTo(MAX_STRIPES * SketchCells.ValueBuffer.CAPACITY + 4L * MAX_STRIPES * 2 * HOT_VALUES);
  }

  /** Every drain makes the series hot, so stripes go private and back while writers race a flusher. */
  @Test
  void noValueIsLostOrSeenTwiceWhileStripesGoPrivateAndBackDuringFlushes() throws Exception {
    SketchCells cells = new SketchCells(MAX_STRIPES, 1);
    int writers = 8;
    int perWriter = 200_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Thread t = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < perWriter; i++) {
          cells.record(1 + (i & 7));
        }
      });
      t.start();
      threads.add(t);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    LatencySketch flushed = new LatencySketch();
    int[] privateSeen = {0};
    Thread flusher = new Thread(() -> {
      while (writing.get()) {
        LatencySketch interval = new LatencySketch();
        cells.drainInto(interval);
        flushed.merge(interval);
        privateSeen[0] = Math.max(privateSeen[0], cells.privateSketches());
      }
    });
    flusher.start();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    writing.set(false);
    flusher.join();
    cells.drainInto(flushed);

    assertThat(privateSeen[0]).as("most private sketches seen").isLessThanOrEqualTo(LIMIT);
    assertThat(flushed.count()).isEqualTo((long) writers * perWriter);
    assertThat(flushed.sum()).isEqualTo((double) writers * (perWriter / 8) * 36);
    LatencySketch after = new LatencySketch();
    cells.drainInto(after);
    assertThat(after.isEmpty()).isTrue();
    assertThat(cells.privateSketches()).as("all released after a quiet interval").isZero();
  }

  /** Cells already striped (one value went to a stripe while the shared sketch was held). */
  private static SketchCells stripedCells() {
    SketchCells cells = new SketchCells(MAX_STRIPES);
    cells.shared.lock();
    try {
      cells.record(1);
    } finally {
      cells.shared.unlock();
    }
    assertThat(cells.activeStripes()).isPositive();
    return cells;
  }

  private static void record(SketchCells cells, int values) {
    for (int i = 0; i < values; i++) {
      cells.record(1 + (i & 7));
    }
  }

  private static void onNewThread(Runnable work) throws InterruptedException {
    Thread t = new Thread(work);
    t.start();
    t.join();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
