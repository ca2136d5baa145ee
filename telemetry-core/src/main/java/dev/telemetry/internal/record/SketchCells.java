package dev.telemetry.internal.record;

import dev.telemetry.sketch.LatencySketch;

/**
 * Striped sketches for one histogram or gauge series. Each stripe's sketch is written only while
 * its stripe is held; the flusher merges and clears them.
 */
final class SketchCells {
  private final StripeArray<SketchStripe> stripes;

  SketchCells(int stripeCount) {
    this.stripes = new StripeArray<>(stripeCount, SketchStripe::new);
  }

  /** Records a validated (finite, non-negative) value; false when dropped under contention. */
  boolean record(double value) {
    SketchStripe s = stripes.acquire();
    if (s == null) {
      return false;
    }
    try {
      s.sketch.record(value);
    } finally {
      s.unlock();
    }
    return true;
  }

  /** Merges a whole distribution into one stripe; false when dropped under contention. */
  boolean merge(LatencySketch other) {
    SketchStripe s = stripes.acquire();
    if (s == null) {
      return false;
    }
    try {
      s.sketch.merge(other);
    } finally {
      s.unlock();
    }
    return true;
  }

  /** Moves everything recorded since the last drain into {@code target}. */
  void drainInto(LatencySketch target) {
    stripes.forEachLocked(s -> {
      if (!s.sketch.isEmpty()) {
        target.merge(s.sketch);
        s.sketch.clear();
      }
    });
  }

  static final class SketchStripe extends Stripe {
    final LatencySketch sketch = new LatencySketch();
  }
}
