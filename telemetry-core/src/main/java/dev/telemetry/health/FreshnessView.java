package dev.telemetry.health;

import static java.util.Objects.requireNonNull;

import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Tracked services, jobs and keys from the store's heartbeats, each as fresh / stale / dead
 * against its own TTL (the {@code /freshness} endpoint). Worst first (dead, stale, fresh), then
 * by name and node.
 *
 * <pre>{@code
 * List<Freshness> rows = new FreshnessView(telemetry.store(), telemetry.clock()).read();
 * }</pre>
 *
 * <p>Each call reads the store once ({@link TelemetryStore#readHeartbeats()}), which may throw
 * {@link dev.telemetry.store.StoreException}; callers that show partial data catch it.
 */
public final class FreshnessView {
  private static final Comparator<Freshness> WORST_FIRST = Comparator
      .comparing((Freshness f) -> f.status().ordinal()).reversed()
      .thenComparing(Freshness::name)
      .thenComparing(Freshness::node);

  private final TelemetryStore store;
  private final Clock clock;

  public FreshnessView(TelemetryStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Every tracked (name, node), worst first. */
  public List<Freshness> read() {
    Instant now = clock.instant();
    return store.readHeartbeats().stream().map(h -> Freshness.of(h, now)).sorted(WORST_FIRST).toList();
  }
}
