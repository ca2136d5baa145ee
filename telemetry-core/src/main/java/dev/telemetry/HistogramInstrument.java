package dev.telemetry;


import dev.telemetry.sketch.LatencySketch;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Not API. The {@link Histogram} implementation: validate, find the series, record; never throw. */
final class HistogramInstrument implements Histogram {
  private final SeriesTable table;
  private final RecordStats stats;
  /** Multiplier from nanoseconds to the metric's unit; NaN when the unit is not a time. */
  private final double perNano;

  HistogramInstrument(SeriesTable table, RecordStats stats, double perNano) {
    this.table = table;
    this.stats = stats;
    this.perNano = perNano;
  }

  @Override
  public String name() {
    return table.definition().name();
  }

  @Override
  public void record(double value) {
    record(value, null, null, null, null, null, null, null, null);
  }

  @Override
  public void record(double value, String k1, String v1) {
    record(value, k1, v1, null, null, null, null, null, null);
  }

  @Override
  public void record(double value, String k1, String v1, String k2, String v2) {
    record(value, k1, v1, k2, v2, null, null, null, null);
  }

  @Override
  public void record(double value, String k1, String v1, String k2, String v2, String k3, String v3) {
    record(value, k1, v1, k2, v2, k3, v3, null, null);
  }

  @Override
  public void record(double value, String k1, String v1, String k2, String v2, String k3, String v3, String k4,
      String v4) {
    if (!RecordStats.recordable(value)) {
      stats.rejectedValues.increment();
      return;
    }
    try {
      into(table.find(k1, v1, k2, v2, k3, v3, k4, v4), value);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public void recordWithLabels(double value, String... keyValues) {
    if (!RecordStats.recordable(value)) {
      stats.rejectedValues.increment();
      return;
    }
    try {
      into(table.findAll(keyValues), value);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public void record(Duration duration) {
    record(toUnit(duration));
  }

  @Override
  public void recordSketch(LatencySketch sketch, String... keyValues) {
    if (sketch == null || !sketch.isEmpty() && !(RecordStats.recordable(sketch.min()) && RecordStats.recordable(sketch.max()))) {
      stats.rejectedValues.increment();
      return;
    }
    if (sketch.isEmpty()) {
      return;
    }
    try {
      table.findAll(keyValues).mergeSketch(sketch);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public BoundHistogram bind(String... keyValues) {
    return new Bound(table.findAll(keyValues));
  }

  private double toUnit(Duration duration) {
    if (duration == null) {
      return Double.NaN;
    }
    try {
      return duration.toNanos() * perNano;
    } catch (ArithmeticException tooLong) {
      return Double.POSITIVE_INFINITY;
    }
  }

  private void into(Series series, double value) {
    series.recordValue(value);
  }

  private final class Bound implements BoundHistogram {
    private final Series series;

    Bound(Series series) {
      this.series = series;
    }

    @Override
    public void record(double value) {
      if (!RecordStats.recordable(value)) {
        stats.rejectedValues.increment();
        return;
      }
      into(series, value);
    }

    @Override
    public void record(Duration duration) {
      record(toUnit(duration));
    }

    @Override
    public void time(Runnable work) {
      long start = System.nanoTime();
      try {
        work.run();
      } finally {
        record((System.nanoTime() - start) * perNano);
      }
    }

    @Override
    public <T> T timeCallable(Callable<T> work) throws Exception {
      long start = System.nanoTime();
      try {
        return work.call();
      } finally {
        record((System.nanoTime() - start) * perNano);
      }
    }
  }
}
