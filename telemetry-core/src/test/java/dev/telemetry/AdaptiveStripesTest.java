package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.CounterCells.CounterTotals;
import dev.telemetry.sketch.LatencySketch;
import org.junit.jupiter.api.Test;

class AdaptiveStripesTest {
  private static final int MAX_STRIPES = 64;

  @Test
  void aSeriesOneThreadWritesKeepsOneCell() {
    SketchCells sketch = new SketchCells(MAX_STRIPES);
    CounterCells counter = new CounterCells(MAX_STRIPES);
    for (int i = 0; i < 10_000; i++) {
      sketch.record(1 + (i & 7));
      counter.add(1);
    }

    assertThat(sketch.activeStripes()).isZero();
    assertThat(counter.activeStripes()).isZero();
    LatencySketch drained = new LatencySketch();
    sketch.drainInto(drained);
    assertThat(drained.count()).isEqualTo(10_000);
    assertThat(drained.sum()).isEqualTo(10_000 / 8 * 36.0);
  }

  @Test
  void growsToEveryStripeWhileTheSharedSketchStaysHeldAndKeepsEveryValue() {
    SketchCells cells = new SketchCells(MAX_STRIPES);
    int buffered = MAX_STRIPES * SketchCells.ValueBuffer.CAPACITY;

    cells.shared.lock(); // a flush or a draining writer holding the sketch
    try {
      for (int i = 0; i < buffered; i++) {
        cells.record(1 + (i & 7));
      }
      assertThat(cells.activeStripes()).isEqualTo(MAX_STRIPES);
    } finally {
      cells.shared.unlock();
    }
    cells.record(100); // finds its buffer full and the sketch free: drains into it

    LatencySketch drained = new LatencySketch();
    cells.drainInto(drained);
    assertThat(drained.count()).isEqualTo(buffered + 1);
    assertThat(drained.sum()).isEqualTo(buffered / 8 * 36.0 + 100);
    assertThat(drained.max()).isEqualTo(100);
    LatencySketch next = new LatencySketch();
    cells.drainInto(next);
    assertThat(next.isEmpty()).as("a drained value is never seen twice").isTrue();
  }

  @Test
  void aCounterMovesToStripesWhenItsCellIsHeld() {
    CounterCells cells = new CounterCells(MAX_STRIPES);
    cells.base.lock();
    try {
      cells.add(2);
      cells.add(3);
    } finally {
      cells.base.unlock();
    }
    cells.add(5);

    assertThat(cells.activeStripes()).isEqualTo(2);
    CounterTotals totals = new CounterTotals();
    cells.drainInto(totals);
    assertThat(totals.count).isEqualTo(3);
    assertThat(totals.sum).isEqualTo(10);
  }

  @Test
  void stripesNeverGrowPastTheMost() {
    SketchCells cells = new SketchCells(4);
    cells.shared.lock();
    try {
      for (int i = 0; i < 4 * SketchCells.ValueBuffer.CAPACITY; i++) {
        cells.record(1);
      }
    } finally {
      cells.shared.unlock();
    }
    assertThat(cells.activeStripes()).isEqualTo(4);
  }
}
