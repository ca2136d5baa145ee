package dev.telemetry;


import java.util.function.DoubleSupplier;

/** Not API. The {@link Gauge} implementation: validate, find the series, set; never throw. */
final class GaugeInstrument implements Gauge {
  private final SeriesTable table;
  private final RecordStats stats;

  GaugeInstrument(SeriesTable table, RecordStats stats) {
    this.table = table;
    this.stats = stats;
  }

  @Override
  public String name() {
    return table.definition().name();
  }

  @Override
  public void set(double value) {
    set(value, null, null, null, null);
  }

  @Override
  public void set(double value, String k1, String v1) {
    set(value, k1, v1, null, null);
  }

  @Override
  public void set(double value, String k1, String v1, String k2, String v2) {
    if (!valid(value)) {
      return;
    }
    try {
      into(table.find(k1, v1, k2, v2, null, null, null, null), value);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public void setWithLabels(double value, String... keyValues) {
    if (!valid(value)) {
      return;
    }
    try {
      into(table.findAll(keyValues), value);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public void register(DoubleSupplier supplier, String... keyValues) {
    if (supplier == null) {
      throw new NullPointerException("supplier");
    }
    table.findAll(keyValues).registerCallback(supplier);
  }

  @Override
  public BoundGauge bind(String... keyValues) {
    Series series = table.findAll(keyValues);
    return value -> {
      if (valid(value)) {
        into(series, value);
      }
    };
  }

  private boolean valid(double value) {
    if (!RecordStats.recordable(value)) {
      stats.rejectedValues.increment();
      return false;
    }
    return true;
  }

  private void into(Series series, double value) {
    series.setGauge(value);
  }
}
