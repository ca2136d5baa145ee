package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

import dev.telemetry.store.LogLevel;
import java.util.Set;

/**
 * A log search (DESIGN §4 {@code /logs}): filters, free text over event and message, and an opaque
 * cursor from the previous page. Validated when it runs ({@link QueryException} naming {@code
 * limit}, {@code search}, {@code cursor} …).
 *
 * @param range time range
 * @param levels levels to include, empty for WARN and ERROR
 * @param domain exact domain, or {@code null}
 * @param service exact service, or {@code null}
 * @param search case-insensitive substring of event or message (at most {@value
 *     TelemetryQueries#MAX_SEARCH_LENGTH} chars), or {@code null}
 * @param traceId exact trace id, or {@code null}
 * @param cursor {@code nextCursor} of the previous page, or {@code null} for the first page
 * @param limit page size, 1 to 100
 */
public record LogSearch(QueryRange range, Set<LogLevel> levels, String domain, String service, String search,
    String traceId, String cursor, int limit) {
  public LogSearch {
    requireNonNull(range, "range");
    levels = levels == null ? Set.of() : Set.copyOf(levels);
  }

  /** Every WARN and ERROR in {@code range}, first page of {@code limit}. */
  public static LogSearch of(QueryRange range, int limit) {
    return new LogSearch(range, Set.of(), null, null, null, null, null, limit);
  }

  /** This search limited to {@code levels}. */
  public LogSearch withLevels(LogLevel... levels) {
    return new LogSearch(range, Set.of(levels), domain, service, search, traceId, cursor, limit);
  }

  /** This search with free text {@code text}. */
  public LogSearch withText(String text) {
    return new LogSearch(range, levels, domain, service, text, traceId, cursor, limit);
  }

  /** The page after {@code cursor}. */
  public LogSearch withCursor(String cursor) {
    return new LogSearch(range, levels, domain, service, search, traceId, cursor, limit);
  }
}
