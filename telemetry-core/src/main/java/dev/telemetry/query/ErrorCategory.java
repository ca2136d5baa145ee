package dev.telemetry.query;

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
