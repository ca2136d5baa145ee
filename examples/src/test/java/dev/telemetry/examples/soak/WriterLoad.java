package dev.telemetry.examples.soak;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The host side of the soak: each writer thread records as fast as it can into the standard HTTP
 * latency histogram and request counter, cycling over a few label sets, and every
 * {@value #DISCRETE_EVERY_MILLIS} ms adds one WARN log and one business event. Every call is
 * counted per thread, so the store's totals can be reconciled exactly after {@code close()}.
 */
final class WriterLoad {
  /** The label sets written: route, method, status. Plain routes, so templating leaves them as they are. */
  static final List<Map<String, String>> LABEL_SETS = List.of(
      labels("/api/cart", "GET", "200"),
      labels("/api/orders", "POST", "201"),
      labels("/api/users", "GET", "404"),
      labels("/api/checkout", "POST", "500"));
  static final String LOG_DOMAIN = "soak";
  static final String EVENT_TYPE = "soak_order";
  static final String EVENT_DIMENSION = "plan";
  static final long DISCRETE_EVERY_MILLIS = 20;
  /** Records between two looks at the stop flag and the clock. */
  private static final int CHECK_EVERY = 1024;

  private final Telemetry telemetry;
  private final int index;
  private final AtomicLongArray progress;
  private final long[] recordsPerLabelSet = new long[LABEL_SETS.size()];
  private long logs;
  private long events;

  /**
   * @param progress one slot per writer, where this writer publishes its histogram record count
   *     every few thousand records (read by the soak to compare halves of the run)
   */
  WriterLoad(Telemetry telemetry, int index, AtomicLongArray progress) {
    this.telemetry = telemetry;
    this.index = index;
    this.progress = progress;
  }

  /** Records until {@code stop} says so; each iteration is one histogram record and one counter increment. */
  void run(java.util.function.BooleanSupplier stop) {
    Histogram latency = telemetry.histogram(StandardMetrics.HTTP_SERVER_DURATION);
    Counter requests = telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS);
    String[][] sets = new String[LABEL_SETS.size()][];
    for (int i = 0; i < sets.length; i++) {
      Map<String, String> l = LABEL_SETS.get(i);
      sets[i] = new String[] {l.get("route"), l.get("method"), l.get("status")};
    }
    long seed = 0x9E3779B97F4A7C15L * (index + 1);
    long total = 0;
    long nextDiscrete = System.nanoTime();
    while (true) {
      for (int n = 0; n < CHECK_EVERY; n++) {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        int set = (int) (seed & 3);
        // 0.5 ms .. ~1 s, log-uniform-ish: enough spread to exercise many sketch buckets
        double seconds = 0.0005 * (1 + ((seed >>> 8) & 2047)) * (1 + ((seed >>> 20) & 1));
        String[] l = sets[set];
        latency.record(seconds, "route", l[0], "method", l[1], "status", l[2]);
        requests.increment("route", l[0], "method", l[1], "status", l[2]);
        recordsPerLabelSet[set]++;
      }
      total += CHECK_EVERY;
      progress.lazySet(index, total);
      long now = System.nanoTime();
      if (now - nextDiscrete >= 0) {
        nextDiscrete = now + DISCRETE_EVERY_MILLIS * 1_000_000L;
        telemetry.warn(LOG_DOMAIN, "slow_request", "writer " + index + " saw a slow request, #" + logs);
        logs++;
        telemetry.event(EVENT_TYPE, "customer-" + (events % 97), Map.of(EVENT_DIMENSION, events % 3 == 0 ? "pro"
            : "free"), events % 10 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, 1.0);
        events++;
      }
      if (stop.getAsBoolean()) {
        return;
      }
    }
  }

  /** Histogram records (equal to counter increments) per label set, in {@link #LABEL_SETS} order. */
  long[] recordsPerLabelSet() {
    return recordsPerLabelSet.clone();
  }

  long records() {
    long sum = 0;
    for (long r : recordsPerLabelSet) {
      sum += r;
    }
    return sum;
  }

  long logs() {
    return logs;
  }

  long events() {
    return events;
  }

  private static Map<String, String> labels(String route, String method, String status) {
    return Map.of("route", route, "method", method, "status", status);
  }
}
