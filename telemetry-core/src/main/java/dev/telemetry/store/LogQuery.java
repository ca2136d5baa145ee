package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * Selects log events with {@code ts} in {@code [from, to)}, newest first.
 *
 * @param from inclusive start
 * @param to exclusive end
 * @param levels levels to include (empty: WARN and ERROR)
 * @param domain exact domain, or {@code null}
 * @param service exact service, or {@code null}
 * @param search case-insensitive substring of event or message, or {@code null}
 * @param traceId exact trace id, or {@code null}
 * @param cursor opaque cursor from a previous page, or {@code null} for the first page
 * @param limit page size, 1..{@value Page#MAX_LIMIT}
 */
public record LogQuery(
    Instant from,
    Instant to,
    Set<LogLevel> levels,
    String domain,
    String service,
    String search,
    String traceId,
    String cursor,
    int limit) {
  public LogQuery {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    levels = levels == null ? Set.of() : Set.copyOf(levels);
    Page.checkLimit(limit);
  }

  /** Every WARN and ERROR event in the range, first page. */
  public static LogQuery range(Instant from, Instant to, int limit) {
    return new LogQuery(from, to, Set.of(), null, null, null, null, null, limit);
  }

  /** The same query, keeping only these levels (empty: WARN and ERROR). */
  public LogQuery withLevels(Set<LogLevel> levels) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** The same query, keeping only events of {@code domain} ({@code null}: any). */
  public LogQuery withDomain(String domain) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** The same query, keeping only events of {@code service} ({@code null}: any). */
  public LogQuery withService(String service) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** The same query, keeping only events whose message or event name contains {@code search}, ignoring case. */
  public LogQuery withSearch(String search) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** The same query, keeping only events of trace {@code traceId} ({@code null}: any). */
  public LogQuery withTraceId(String traceId) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** The same query for the page after {@code cursor}. */
  public LogQuery withCursor(String cursor) {
    return new LogQuery(from, to, levels, domain, service, search, traceId, cursor, limit);
  }

  /** Whether {@code e} passes every filter except time and cursor. */
  public boolean matches(LogEvent e) {
    return (levels.isEmpty() || levels.contains(e.level()))
        && (domain == null || domain.equals(e.domain()))
        && (service == null || service.equals(e.service()))
        && (traceId == null || traceId.equals(e.traceId()))
        && (search == null
            || TextMatch.containsIgnoreCase(e.message(), search)
            || TextMatch.containsIgnoreCase(e.event(), search));
  }
}
