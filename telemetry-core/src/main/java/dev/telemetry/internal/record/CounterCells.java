package dev.telemetry.internal.record;

/** Striped sums for one counter series; the flusher reads and resets them exactly. */
final class CounterCells {
  private final StripeArray<CounterStripe> stripes;

  CounterCells(int stripeCount) {
    this.stripes = new StripeArray<>(stripeCount, CounterStripe::new);
  }

  /** Adds a validated (finite, non-negative) amount; false when dropped under contention. */
  boolean add(double amount) {
    CounterStripe s = stripes.acquire();
    if (s == null) {
      return false;
    }
    s.sum += amount;
    s.count++;
    s.unlock();
    return true;
  }

  /** Adds the increments since the last drain to {@code into} and resets the stripes. */
  void drainInto(CounterTotals into) {
    stripes.forEachLocked(s -> {
      into.count += s.count;
      into.sum += s.sum;
      s.count = 0;
      s.sum = 0;
    });
  }

  static final class CounterStripe extends Stripe {
    long count;
    double sum;
  }

  /** What one drain collected. */
  static final class CounterTotals {
    long count;
    double sum;
  }
}
