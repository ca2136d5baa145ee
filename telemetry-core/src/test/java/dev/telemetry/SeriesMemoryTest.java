package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Heap per histogram series, measured without JOL: the used heap after full collections, before
 * and after building 1,000 series, divided by 1,000. The worst case is forced: every one of the
 * 64 stripes created and its buffer full, which writers reach only under heavy contention.
 */
@Tag("memory")
class SeriesMemoryTest {
  private static final int SERIES = 1000;
  private static final int MAX_STRIPES = 64;
  private static final double KIB = 1024;

  @Test
  void aSeriesAtSixtyFourStripesStaysUnderSixteenKibEvenWithWideLatencies() {
    Random random = new Random(7);
    DoubleSupplier typical = () -> Math.exp(Math.log(0.05) + 0.6 * random.nextGaussian());
    DoubleSupplier wide = () -> 1e-4 * Math.pow(1e6, random.nextDouble()); // 100 µs .. 100 s

    long typicalQuiet = bytesPerSeries(typical, false);
    long typicalStriped = bytesPerSeries(typical, true);
    long wideQuiet = bytesPerSeries(wide, false);
    long wideStriped = bytesPerSeries(wide, true);
    System.out.printf("bytes per series: typical %d quiet, %d at 64 stripes; wide %d quiet, %d at 64 stripes%n",
        typicalQuiet, typicalStriped, wideQuiet, wideStriped);

    // Issue 16's bound, for both distributions; wide latencies (1,276 buckets) were 26.6 KB with
    // the dense bucket window (ADR 0053).
    assertThat(wideStriped).as("wide latencies, 64 stripes, bytes").isLessThanOrEqualTo(16_384);
    assertThat(typicalStriped).as("typical latencies, 64 stripes, bytes").isLessThanOrEqualTo(16_384);
    // One sketch: its pages follow the octaves seen, so a quiet wide series is a few KiB, not 17 KB.
    assertThat(wideQuiet / KIB).as("a quiet series with wide latencies, KiB").isLessThan(4);
    assertThat((wideStriped - wideQuiet) / KIB).as("what 64 stripes add, KiB").isLessThan(10);
    assertThat((typicalStriped - typicalQuiet) / KIB).as("what 64 stripes add, KiB").isLessThan(10);
  }

  private static long bytesPerSeries(DoubleSupplier values, boolean everyStripe) {
    long before = usedAfterGc();
    SketchCells[] series = new SketchCells[SERIES];
    for (int s = 0; s < SERIES; s++) {
      SketchCells cells = new SketchCells(MAX_STRIPES);
      for (int i = 0; i < 2000; i++) {
        cells.record(values.getAsDouble());
      }
      if (everyStripe) {
        cells.shared.lock(); // held: each writer fills a buffer, misses and grows, up to 64
        try {
          for (int i = 0; i < MAX_STRIPES * SketchCells.ValueBuffer.CAPACITY; i++) {
            cells.record(values.getAsDouble());
          }
        } finally {
          cells.shared.unlock();
        }
        assertThat(cells.activeStripes()).isEqualTo(MAX_STRIPES);
      }
      series[s] = cells;
    }
    long after = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(series);
    return (after - before) / SERIES;
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
