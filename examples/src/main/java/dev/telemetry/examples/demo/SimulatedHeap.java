package dev.telemetry.examples.demo;

/**
 * The simulated service's heap, as a share of its maximum: requests allocate, a collection brings
 * it back to the live set when it passes the collector's threshold, and an incident (slow
 * downstream calls holding requests) retains more. Driven only by the simulated traffic, so
 * backfilled and live minutes of the same load read alike (the demo JVM's own heap would give every
 * backfilled minute the value of the moment the backfill ran).
 */
final class SimulatedHeap {
  /** What survives a collection at normal load. */
  static final double LIVE_SET = 0.32;
  /** Share of the heap one request allocates. */
  static final double PER_REQUEST = 0.0004;
  /** A collection runs when the heap passes this. */
  static final double COLLECT_AT = 0.68;
  /** What an incident's stuck requests keep alive on top of the live set. */
  static final double INCIDENT_RETAINED = 0.15;

  private volatile double used = LIVE_SET;

  /** Allocates for {@code requests} requests, collecting when the threshold is passed. */
  void advance(int requests, double incident) {
    double liveSet = LIVE_SET + (incident > 1 ? INCIDENT_RETAINED : 0);
    double next = Math.max(used, liveSet) + requests * PER_REQUEST;
    while (next > COLLECT_AT) {
      next = liveSet + (next - COLLECT_AT);
    }
    used = next;
  }

  /** The heap in use, 0 to 1 of its maximum. */
  double utilization() {
    return used;
  }
}
