package dev.telemetry.health;

import static java.util.Objects.requireNonNull;

import dev.telemetry.internal.status.ErrorRate;
import dev.telemetry.status.SignalStatus;
import dev.telemetry.status.Threshold;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Built-in {@link HealthProbe}s. */
public final class Probes {
  private Probes() {}

  /**
   * Down when the newest heartbeat called {@code name} (on any node) is older than {@code maxAge}
   * or was never seen; healthy otherwise. The detail says how long ago it was seen.
   */
  public static HealthProbe heartbeat(TelemetryStore store, Clock clock, String name, Duration maxAge) {
    requireNonNull(store, "store");
    requireNonNull(clock, "clock");
    requireNonNull(name, "name");
    requireNonNull(maxAge, "maxAge");
    return () -> {
      Instant newest = null;
      for (Heartbeat h : store.readHeartbeats()) {
        if (h.name().equals(name) && (newest == null || h.lastSeen().isAfter(newest))) {
          newest = h.lastSeen();
        }
      }
      if (newest == null) {
        return ProbeResult.down("'" + name + "' never seen");
      }
      Duration age = Duration.between(newest, clock.instant());
      String detail = "'" + name + "' last seen " + age.toSeconds() + " s ago";
      return age.compareTo(maxAge) > 0
          ? ProbeResult.down(detail + " (max " + maxAge.toSeconds() + " s)")
          : ProbeResult.healthy(detail);
    };
  }

  /**
   * Degraded when {@code errors / traffic × 100} over the last {@code window} of complete minutes
   * is yellow or red against {@code thresholdPct}; healthy otherwise, including without traffic.
   * Both metrics are counters read from the store at minute resolution across all nodes.
   */
  public static HealthProbe errorRate(TelemetryStore store, Clock clock, String errorsMetric, String trafficMetric,
      Duration window, Threshold thresholdPct) {
    requireNonNull(store, "store");
    requireNonNull(clock, "clock");
    requireNonNull(errorsMetric, "errorsMetric");
    requireNonNull(trafficMetric, "trafficMetric");
    requireNonNull(thresholdPct, "thresholdPct");
    if (window.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("error-rate probe window must be at least 1 minute, was " + window);
    }
    return () -> {
      Instant to = Resolution.MINUTE.bucketStart(clock.instant());
      Instant from = to.minus(window);
      double errors = counterTotal(store, errorsMetric, from, to);
      double traffic = counterTotal(store, trafficMetric, from, to);
      if (traffic <= 0) {
        return ProbeResult.healthy("no traffic");
      }
      double pct = ErrorRate.percent(errors, traffic);
      String detail = String.format(Locale.ROOT, "error rate %.2f%% over %d min", pct, window.toMinutes());
      return thresholdPct.status(pct) == SignalStatus.GREEN ? ProbeResult.healthy(detail) : ProbeResult.degraded(detail);
    };
  }

  /**
   * The store answers and its size on disk is within budget: healthy below {@code budgetMb}'s
   * yellow line, degraded at or above it (the detail says which line and the size), down when the
   * store does not answer (the probe guard turns the exception into {@code down}). The size comes
   * from {@link TelemetryStore#stats()}, which may scan, so it is re-read at most every {@code
   * sizeEvery}; every check still asks the store for a watermark, so an unreachable store shows at
   * once. A store that cannot tell its size is healthy with "size unknown".
   */
  public static HealthProbe storeSize(TelemetryStore store, Clock clock, Threshold budgetMb, Duration sizeEvery) {
    requireNonNull(store, "store");
    requireNonNull(clock, "clock");
    requireNonNull(budgetMb, "budgetMb");
    requireNonNull(sizeEvery, "sizeEvery");
    return new HealthProbe() {
      private Instant sizedAt;
      private Long bytes;

      @Override
      public synchronized ProbeResult check() {
        store.readWatermark("rollup.hour");
        Instant now = clock.instant();
        if (sizedAt == null || !now.isBefore(sizedAt.plus(sizeEvery))) {
          bytes = store.stats().databaseBytes();
          sizedAt = now;
        }
        if (bytes == null) {
          return ProbeResult.healthy("store answers; size unknown");
        }
        double mb = bytes / (1024.0 * 1024.0);
        SignalStatus status = budgetMb.status(mb);
        String detail = String.format(Locale.ROOT, "store answers; %.1f MiB on disk (budget: yellow %.0f MiB, red %.0f MiB)",
            mb, budgetMb.warn(), budgetMb.crit());
        return status == SignalStatus.GREEN ? ProbeResult.healthy(detail)
            : ProbeResult.degraded(detail + (status == SignalStatus.RED ? " — over the red line" : " — over the yellow line"));
      }
    };
  }

  private static double counterTotal(TelemetryStore store, String metric, Instant from, Instant to) {
    double total = 0;
    for (MetricSample s : store.readSamples(SampleQuery.of(metric, Resolution.MINUTE, from, to))) {
      total += s.sum();
    }
    return total;
  }
}
