package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

/**
 * A trace index search (DESIGN §4 {@code /traces}). Validated when it runs.
 *
 * @param range time range
 * @param status all, errors only, or slow only (at least the slow-span threshold)
 * @param domain exact domain, or {@code null}
 * @param route exact route template, or {@code null}
 * @param durationMinMs only spans at least this long (0: no bound)
 * @param traceId exact trace id, or {@code null}
 * @param cursor {@code nextCursor} of the previous page, or {@code null} for the first page
 * @param limit page size, 1 to 100
 */
public record TraceSearch(QueryRange range, TraceStatus status, String domain, String route, double durationMinMs,
    String traceId, String cursor, int limit) {
  public TraceSearch {
    requireNonNull(range, "range");
    status = status == null ? TraceStatus.ALL : status;
  }

  /** Every span in {@code range}, first page of {@code limit}. */
  public static TraceSearch of(QueryRange range, int limit) {
    return new TraceSearch(range, TraceStatus.ALL, null, null, 0, null, null, limit);
  }

  /** This search limited to spans of {@code status}. */
  public TraceSearch withStatus(TraceStatus status) {
    return new TraceSearch(range, status, domain, route, durationMinMs, traceId, cursor, limit);
  }

  /** The page after {@code cursor}. */
  public TraceSearch withCursor(String cursor) {
    return new TraceSearch(range, status, domain, route, durationMinMs, traceId, cursor, limit);
  }

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
}
