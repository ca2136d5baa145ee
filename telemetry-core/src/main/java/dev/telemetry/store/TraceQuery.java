package dev.telemetry.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Selects trace index rows with {@code ts} in {@code [from, to)}, newest first.
 *
 * @param from inclusive start
 * @param to exclusive end
 * @param errorsOnly only spans in error or with HTTP status &gt;= 500
 * @param minDurationMs only spans at least this long (0: no bound)
 * @param domain exact domain, or {@code null}
 * @param route exact route template, or {@code null}
 * @param traceId exact trace id, or {@code null}
 * @param cursor opaque cursor from a previous page, or {@code null}
 * @param limit page size, 1..{@value Page#MAX_LIMIT}
 */
public record TraceQuery(
    Instant from,
    Instant to,
    boolean errorsOnly,
    double minDurationMs,
    String domain,
    String route,
    String traceId,
    String cursor,
    int limit) {
  public TraceQuery {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!(minDurationMs >= 0) || Double.isInfinite(minDurationMs)) {
      throw new IllegalArgumentException("minDurationMs must be finite and >= 0, was " + minDurationMs);
    }
    Page.checkLimit(limit);
  }

  /** Every span in the range, first page. */
  public static TraceQuery range(Instant from, Instant to, int limit) {
    return new TraceQuery(from, to, false, 0, null, null, null, null, limit);
  }

  /** The same query for the page after {@code cursor}. */
  public TraceQuery withCursor(String cursor) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** The same query, only spans in error (or HTTP status &gt;= 500) when {@code errorsOnly}. */
  public TraceQuery withErrorsOnly(boolean errorsOnly) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** The same query, only spans at least {@code minDurationMs} long. */
  public TraceQuery withMinDurationMs(double minDurationMs) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** The same query for one domain ({@code null}: any). */
  public TraceQuery withDomain(String domain) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** The same query for one route template ({@code null}: any). */
  public TraceQuery withRoute(String route) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** The same query for one trace id ({@code null}: any). */
  public TraceQuery withTraceId(String traceId) {
    return new TraceQuery(from, to, errorsOnly, minDurationMs, domain, route, traceId, cursor, limit);
  }

  /** Whether {@code t} passes every filter except time and cursor. */
  public boolean matches(TraceRecord t) {
    return (!errorsOnly || t.error() || t.status() >= 500)
        && t.durationMs() >= minDurationMs
        && (domain == null || domain.equals(t.domain()))
        && (route == null || route.equals(t.route()))
        && (traceId == null || traceId.equals(t.traceId()));
  }
}
