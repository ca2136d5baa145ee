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

  /**
   * One kind of error and how often it happened.
   *
   * @param source {@value #METRIC} (the errors metric by {@code error_type}) or {@value #LOG} (ERROR
   *     log events by {@code event})
   * @param name the error type or event name ({@code ""} when unnamed)
   * @param count occurrences in the range
   */
  public record ErrorCategory(String source, String name, long count) {
    /** Counted from the contract's ERRORS metric. */
    public static final String METRIC = "metric";
    /** Counted from ERROR log events. */
    public static final String LOG = "log";
  }
}
