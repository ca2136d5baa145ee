package dev.telemetry.benchmarks.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one round of {@link ClosedLoopLoad} saw: the latency of every complete answer (HdrHistogram,
 * 3 significant digits, in ns) and the answers and failures by kind. An error is any answer other
 * than 2xx or 304, a connection that failed (refused, reset, closed mid-answer), an answer the
 * generator could not delimit, or a request unanswered within the timeout.
 */
final class LoadResult {
  private static final long HIGHEST_NS = TimeUnit.MINUTES.toNanos(10);

  private final Histogram latencies = new Histogram(1_000, HIGHEST_NS, 3);
  private final long[] byStatus = new long[600];
  private long connectionErrors;
  private long timeouts;
  private String firstFailure;

  void answer(int status, long latencyNanos) {
    latencies.recordValue(Math.max(0, Math.min(HIGHEST_NS, latencyNanos)));
    byStatus[Math.min(status, byStatus.length - 1)]++;
  }

  void connectionError(Exception e) {
    connectionErrors++;
    noteFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  void timeout(long timeoutNanos) {
    timeouts++;
    noteFailure("no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
  }

  private void noteFailure(String what) {
    if (firstFailure == null) {
      firstFailure = what;
    }
  }

  void add(LoadResult other) {
    latencies.add(other.latencies);
    for (int s = 0; s < byStatus.length; s++) {
      byStatus[s] += other.byStatus[s];
    }
    connectionErrors += other.connectionErrors;
    timeouts += other.timeouts;
    if (firstFailure == null) {
      firstFailure = other.firstFailure;
    }
  }

  /** Complete answers, whatever their status. */
  long answers() {
    return latencies.getTotalCount();
  }

  long answers(int status) {
    return byStatus[status];
  }

  long notModified() {
    return byStatus[304];
  }

  long connectionErrors() {
    return connectionErrors;
  }

  long timeouts() {
    return timeouts;
  }

  /** Answers other than 2xx and 304, plus connection errors and timeouts. */
  long errors() {
    long e = connectionErrors + timeouts;
    for (int s = 0; s < byStatus.length; s++) {
      if (!(s >= 200 && s < 300) && s != 304) {
        e += byStatus[s];
      }
    }
    return e;
  }

  /** The latency at quantile {@code q} (0..1) in ms; 1 gives the maximum. NaN with no answers. */
  double quantileMillis(double q) {
    if (answers() == 0) {
      return Double.NaN;
    }
    long ns = q >= 1 ? latencies.getMaxValue() : latencies.getValueAtPercentile(q * 100);
    return ns / 1e6;
  }

  /** The errors by kind, e.g. {@code 3 × HTTP 500, 1 connection error (EOFException: …)}; empty if none. */
  String describeErrors() {
    List<String> parts = new ArrayList<>();
    TreeMap<Integer, Long> bad = new TreeMap<>();
    for (int s = 0; s < byStatus.length; s++) {
      if (byStatus[s] > 0 && !(s >= 200 && s < 300) && s != 304) {
        bad.put(s, byStatus[s]);
      }
    }
    bad.forEach((s, n) -> parts.add(n + " × HTTP " + s));
    if (connectionErrors > 0) {
      parts.add(connectionErrors + " connection error" + (connectionErrors == 1 ? "" : "s"));
    }
    if (timeouts > 0) {
      parts.add(timeouts + " timeout" + (timeouts == 1 ? "" : "s"));
    }
    String all = String.join(", ", parts);
    return firstFailure == null ? all : String.format(Locale.ROOT, "%s (first failure: %s)", all, firstFailure);
  }
}
