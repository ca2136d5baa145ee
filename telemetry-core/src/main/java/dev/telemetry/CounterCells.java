package dev.telemetry;

/**
 * The cells of one counter series: one sum, striped only under contention; the flusher reads and
 * resets them exactly.
 */
final class CounterCells {
  /** Package-private so tests can hold it, as a concurrent writer or the flusher would. */
  final CounterStripe base = new CounterStripe();
  private final AdaptiveStripes<CounterStripe> stripes;

  CounterCells(int maxStripes) {
    this.stripes = new AdaptiveStripes<>(base, maxStripes, CounterStripe::new);
  }

  /** Adds a validated (finite, non-negative) amount. */
  void add(double amount) {
    stripes.put(amount);
  }

  /** Where amounts go: the series records through this directly, one indirection fewer. */
  AdaptiveStripes<CounterStripe> stripes() {
    return stripes;
  }

  /** Stripes in use: 0 while uncontended. */
  int activeStripes() {
    return stripes.activeStripes();
  }

  /** Adds the increments since the last drain to {@code into} and resets the cells (flusher only). */
  void drainInto(CounterTotals into) {
    stripes.forEachLocked(s -> s.moveTo(into), () -> base.moveTo(into));
  }

  static final class CounterStripe extends Stripe {
    private long count;
    private double sum;

    @Override
    boolean offer(double amount) {
      sum += amount;
      count++;
      return true;
    }

    void moveTo(CounterTotals into) {
      into.count += count;
      into.sum += sum;
      count = 0;
      sum = 0;
    }
  }

  /** What one drain collected. */
  static final class CounterTotals {
    long count;
    double sum;
  }
}
