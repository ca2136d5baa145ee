package dev.telemetry.internal.record;

import dev.telemetry.sketch.LatencySketch;

/**
 * The cells of one histogram or gauge series: one shared {@link LatencySketch}, and under
 * contention small striped buffers of raw values drained into it.
 *
 * <p>Why buffers and not a sketch per stripe: a sketch's bucket window is 1 to 16 KiB for real
 * latency ranges, so a sketch per stripe made a series cost up to 64 sketches on a big machine
 * (ADR 0017). A buffer holds {@value ValueBuffer#CAPACITY} raw values in the stripe's own cache
 * lines. The writer that fills one takes the shared sketch with a try-lock and drains the buffer
 * into it (as Caffeine drains its striped read buffers); if the sketch is held it tries another
 * stripe instead of waiting. The flusher drains every buffer, then the shared sketch.
 */
final class SketchCells {
  /** Package-private so tests can hold it, as a flush or a draining writer would. */
  final SharedSketch shared = new SharedSketch();
  private final AdaptiveStripes<ValueBuffer> stripes;

  SketchCells(int maxStripes) {
    this.stripes = new AdaptiveStripes<>(shared, maxStripes, () -> new ValueBuffer(shared));
  }

  /** Records a validated (finite, non-negative) value. */
  void record(double value) {
    stripes.put(value);
  }

  /**
   * Merges a whole distribution into the shared sketch, spinning while another thread holds it
   * (a buffer drain or a flush: a few hundred nanoseconds). Used off the per-request path, for
   * bridged histograms.
   */
  void merge(LatencySketch other) {
    shared.lock();
    try {
      shared.sketch.merge(other);
    } finally {
      shared.unlock();
    }
  }

  /** Moves everything recorded since the last drain into {@code target} (flusher only). */
  void drainInto(LatencySketch target) {
    stripes.forEachLocked(buffer -> buffer.drainInto(target), () -> {
      if (!shared.sketch.isEmpty()) {
        target.merge(shared.sketch);
        shared.sketch.clear();
      }
    });
  }

  /** Stripes in use: 0 while uncontended. */
  int activeStripes() {
    return stripes.activeStripes();
  }

  /** The base cell: the series' one sketch. */
  static final class SharedSketch extends Stripe {
    final LatencySketch sketch = new LatencySketch();

    @Override
    boolean offer(double value) {
      sketch.record(value);
      return true;
    }
  }

  /**
   * A stripe's buffer of raw values, in fields rather than an array so they share the padded
   * stripe's lines (an array would be a second object the GC may place next to another stripe's).
   */
  static final class ValueBuffer extends Stripe {
    static final int CAPACITY = 7;
    private final SharedSketch shared;
    private int size;
    private double v0;
    private double v1;
    private double v2;
    private double v3;
    private double v4;
    private double v5;
    private double v6;

    ValueBuffer(SharedSketch shared) {
      this.shared = shared;
    }

    @Override
    boolean offer(double value) {
      switch (size) {
        case 0 -> v0 = value;
        case 1 -> v1 = value;
        case 2 -> v2 = value;
        case 3 -> v3 = value;
        case 4 -> v4 = value;
        case 5 -> v5 = value;
        case 6 -> v6 = value;
        default -> {
          return drainWith(value);
        }
      }
      size++;
      return true;
    }

    /** Full: moves the buffer and {@code value} into the shared sketch if it is free right now. */
    private boolean drainWith(double value) {
      if (!shared.tryLock()) {
        return false;
      }
      try {
        drainInto(shared.sketch);
        shared.sketch.record(value);
      } finally {
        shared.unlock();
      }
      return true;
    }

    /** Records the buffered values into {@code target} and empties the buffer (held by the caller). */
    void drainInto(LatencySketch target) {
      int n = size;
      if (n > 0) {
        target.record(v0);
      }
      if (n > 1) {
        target.record(v1);
      }
      if (n > 2) {
        target.record(v2);
      }
      if (n > 3) {
        target.record(v3);
      }
      if (n > 4) {
        target.record(v4);
      }
      if (n > 5) {
        target.record(v5);
      }
      if (n > 6) {
        target.record(v6);
      }
      size = 0;
    }
  }
}
