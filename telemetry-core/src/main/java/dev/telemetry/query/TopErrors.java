package dev.telemetry.query;

import java.time.Instant;
import java.util.List;

/**
 * Ranked error categories from metrics and logs, most frequent first.
 *
 * @param from range start
 * @param to range end (exclusive)
 * @param categories at most the requested limit
 * @param truncated whether the ERROR log scan stopped at its row cap, so log counts are lower bounds
 * @param logScanCap the most ERROR log rows one ranking reads (the newest ones)
 */
public record TopErrors(Instant from, Instant to, List<ErrorCategory> categories, boolean truncated,
    int logScanCap) {
  public TopErrors {
    categories = List.copyOf(categories);
  }
}
