package dev.telemetry;

import dev.telemetry.sketch.LatencySketch;

/**
 * The cells of one histogram or gauge series: one shared {@link LatencySketch}, and under
 * contention small striped buffers of raw values drained into it.
 *
 * <p>Why buffers and not a sketch per stripe: a sketch's bucket window was 1 to 16 KiB for real
 * latency ranges (0.2 to 1.4 KiB since its counts are packed, ADR 0053), so a sketch per stripe
 * made a series cost up to 64 sketches on a big machine (ADR 0017). A buffer holds {@value ValueBuffer#CAPACITY} raw values in the stripe's own cache
 * lines. The writer that fills one takes the shared sketch with a try-lock and drains the buffer
 * into it (as Caffeine drains its striped read buffers); if the sketch is held it tries another
 * stripe instead of waiting. The flusher drains every buffer, then the shared sketch.
 *
 * <p>Why a hot series gets a few private sketches: every drain moves the shared sketch's lines
 * (lock, fields, the buckets written) to the draining core, so two writers hammering one series
 * paid a cache-line round trip every eighth record and ran 2–4.6× slower than with a sketch per
 * stripe (ADR 0017). Once buffers drain {@value SharedSketch#HOT_DRAINS} times in one flush
 * interval, the series spreads to every stripe (so each writer's home stripe stops moving) and
 * the next stripes that drain get a sketch of their own and record into it directly,
 * as every stripe did before buffers; at most {@link #privateSketchLimit} per series (about one
 * per core, at most {@value #MOST_PRIVATE_SKETCHES}). The flusher merges them and releases a
 * private sketch whose interval took fewer values than a hot one, so memory follows contention:
 * one sketch while quiet, one plus buffers when contended now and then, a bounded few when hot.
 */
final class SketchCells {
  static final int MOST_PRIVATE_SKETCHES = 4;
  /** Package-private so tests can hold it, as a flush or a draining writer would. */
  final SharedSketch shared;
  private final AdaptiveStripes<ValueBuffer> stripes;

  SketchCells(int maxStripes) {
    this(maxStripes, SharedSketch.HOT_DRAINS);
  }

  /** With another hot threshold: tests make every series hot so promotion races with flushes. */
  SketchCells(int maxStripes, int hotDrains) {
    this.shared = new SharedSketch(privateSketchLimit(maxStripes), hotDrains);
    this.stripes = new AdaptiveStripes<>(shared, maxStripes, () -> new ValueBuffer(shared));
    shared.stripes = stripes;
  }

  /** Private sketches a hot series may hold: about one per core (stripes are about 4 per core). */
  static int privateSketchLimit(int maxStripes) {
    return Math.min(MOST_PRIVATE_SKETCHES, Math.max(1, maxStripes / 4));
  }

  /** Records a validated (finite, non-negative) value. */
  void record(double value) {
    stripes.put(value);
  }

  /** Where values go: the series records through this directly, one indirection fewer. */
  AdaptiveStripes<ValueBuffer> stripes() {
    return stripes;
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
    int[] released = {0};
    stripes.forEachLocked(buffer -> {
      if (buffer.flushInto(target)) {
        released[0]++;
      }
    }, () -> {
      if (!shared.sketch.isEmpty()) {
        target.merge(shared.sketch);
        shared.sketch.clear();
      }
      shared.endInterval(released[0]);
    });
  }

  /** Stripes recording into a private sketch now (tests). */
  int privateSketches() {
    return shared.privateSketches;
  }

  /** Stripes in use: 0 while uncontended. */
  int activeStripes() {
    return stripes.activeStripes();
  }

  /** The base cell: the series' one sketch. */
  static final class SharedSketch extends Stripe {
    /** Buffer drains in one flush interval (8 values each) that make a series hot. */
    static final int HOT_DRAINS = 1024;
    final LatencySketch sketch = new LatencySketch();
    private final int privateSketchLimit;
    private final int hotDrains;
    /** Set once by the constructor of {@link SketchCells}, before the cells are published. */
    private AdaptiveStripes<?> stripes;
    /** Buffer drains since the last flush; guarded by this stripe's lock, like the counts below. */
    private int drains;
    private int privateSketches;

    SharedSketch(int privateSketchLimit, int hotDrains) {
      this.privateSketchLimit = privateSketchLimit;
      this.hotDrains = hotDrains;
    }

    /** Values a private sketch must take in one interval to stay: what a hot series' drains carry. */
    long hotValues() {
      return (long) hotDrains * (ValueBuffer.CAPACITY + 1);
    }

    /** Counts a drain (held by the caller); true when the draining stripe should go private. */
    boolean drainedAndHot() {
      if (drains < hotDrains) {
        if (++drains == hotDrains) {
          // Hot: first fix every writer's home stripe, then promote the stripes that drain next.
          stripes.spreadToMost();
        }
        return false;
      }
      if (privateSketches == privateSketchLimit) {
        return false;
      }
      privateSketches++;
      return true;
    }

    /** The flusher, holding this stripe: a new interval, {@code released} private sketches fewer. */
    void endInterval(int released) {
      drains = 0;
      privateSketches -= released;
    }

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
  static final class ValueBuffer extends HotStripe {
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
      LatencySketch mine = own;
      if (mine != null) {
        mine.record(value);
        return true;
      }
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
        if (shared.drainedAndHot()) {
          // Recording at once allocates the bucket array right after the sketch, so two sketches
          // promoted back to back by one thread never share a cache line.
          LatencySketch mine = new LatencySketch();
          mine.record(value);
          own = mine;
        } else {
          shared.sketch.record(value);
        }
      } finally {
        shared.unlock();
      }
      return true;
    }

    /**
     * Moves everything this stripe holds into {@code target} (the flusher, holding the stripe).
     * Returns true when it released its private sketch: it took fewer values this interval than
     * a hot series' drains carry, so contention has passed.
     */
    boolean flushInto(LatencySketch target) {
      drainInto(target);
      LatencySketch mine = own;
      if (mine == null) {
        return false;
      }
      boolean cooled = mine.count() < shared.hotValues();
      target.merge(mine);
      if (cooled) {
        own = null;
      } else {
        mine.clear();
      }
      return cooled;
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

  /**
   * The private sketch of a hot stripe, declared in a superclass so that it is laid out in the
   * 4 bytes right after the lock word: a hot record reads the same line it locks, and the
   * stripe keeps its 144 bytes.
   */
  abstract static class HotStripe extends Stripe {
    /** Non-null while the stripe is hot: values go straight into it. Guarded by the stripe. */
    LatencySketch own;
  }
}
