package dev.telemetry;



/** Not API. The {@link Counter} implementation: validate, find the series, add; never throw. */
final class CounterInstrument implements Counter {
  private final SeriesTable table;
  private final RecordStats stats;

  CounterInstrument(SeriesTable table, RecordStats stats) {
    this.table = table;
    this.stats = stats;
  }

  @Override
  public String name() {
    return table.definition().name();
  }

  @Override
  public void increment() {
    add(1, null, null, null, null, null, null, null, null);
  }

  @Override
  public void increment(String k1, String v1) {
    add(1, k1, v1, null, null, null, null, null, null);
  }

  @Override
  public void increment(String k1, String v1, String k2, String v2) {
    add(1, k1, v1, k2, v2, null, null, null, null);
  }

  @Override
  public void increment(String k1, String v1, String k2, String v2, String k3, String v3) {
    add(1, k1, v1, k2, v2, k3, v3, null, null);
  }

  @Override
  public void increment(String k1, String v1, String k2, String v2, String k3, String v3, String k4, String v4) {
    add(1, k1, v1, k2, v2, k3, v3, k4, v4);
  }

  @Override
  public void add(double amount) {
    add(amount, null, null, null, null, null, null, null, null);
  }

  @Override
  public void add(double amount, String k1, String v1) {
    add(amount, k1, v1, null, null, null, null, null, null);
  }

  @Override
  public void add(double amount, String k1, String v1, String k2, String v2) {
    add(amount, k1, v1, k2, v2, null, null, null, null);
  }

  @Override
  public void add(double amount, String k1, String v1, String k2, String v2, String k3, String v3) {
    add(amount, k1, v1, k2, v2, k3, v3, null, null);
  }

  private void add(double amount, String k1, String v1, String k2, String v2, String k3, String v3, String k4,
      String v4) {
    if (!RecordStats.recordable(amount)) {
      stats.rejectedValues.increment();
      return;
    }
    try {
      into(table.find(k1, v1, k2, v2, k3, v3, k4, v4), amount);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public void addWithLabels(double amount, String... keyValues) {
    if (!RecordStats.recordable(amount)) {
      stats.rejectedValues.increment();
      return;
    }
    try {
      into(table.findAll(keyValues), amount);
    } catch (RuntimeException e) {
      stats.internalErrors.increment();
    }
  }

  @Override
  public BoundCounter bind(String... keyValues) {
    Series series = table.findAll(keyValues);
    return new BoundCounter() {
      @Override
      public void increment() {
        into(series, 1);
      }

      @Override
      public void add(double amount) {
        if (!RecordStats.recordable(amount)) {
          stats.rejectedValues.increment();
          return;
        }
        into(series, amount);
      }
    };
  }

  private void into(Series series, double amount) {
    series.addAmount(amount);
  }
}
