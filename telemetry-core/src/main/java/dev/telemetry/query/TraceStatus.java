package dev.telemetry.query;

/** Which spans a {@link TraceSearch} keeps. */
public enum TraceStatus {
  /** Every span. */
  ALL,
  /** Spans in error or with HTTP status &gt;= 500. */
  ERROR,
  /** Spans at least as long as the slow-span threshold. */
  SLOW;

  /**
   * The status spelled {@code all}, {@code error} or {@code slow}.
   *
   * @throws QueryException naming {@code status} otherwise
   */
  public static TraceStatus parse(String value) {
    for (TraceStatus s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new QueryException("status", "must be one of error, slow, all, was '" + value + "'");
  }
}
