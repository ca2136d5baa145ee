package dev.telemetry.query;

import dev.telemetry.query.TraceSearch.TraceStatus;
import dev.telemetry.store.Page.Cursor;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Page;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import dev.telemetry.query.TelemetryQueries.Correlation;

/** Log and trace searches: parameter checks in front of the store's cursor pagination. */
final class Searches {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

  private final TelemetryStore store;
  private final double slowMs;

  Searches(TelemetryStore store, Duration slowThreshold) {
    this.store = store;
    this.slowMs = slowThreshold.toNanos() / 1e6;
  }

  Page<LogEvent> logs(LogSearch s, Window w) {
    checkPage(s.cursor(), s.limit());
    if (s.search() != null && s.search().length() > TelemetryQueries.MAX_SEARCH_LENGTH) {
      throw new QueryException("search", "must be at most " + TelemetryQueries.MAX_SEARCH_LENGTH + " characters");
    }
    return store.readLogs(LogQuery.range(w.from(), w.to(), s.limit()).withLevels(s.levels())
        .withDomain(s.domain()).withService(s.service()).withSearch(blankToNull(s.search()))
        .withTraceId(checkTraceId(s.traceId())).withCursor(s.cursor()));
  }

  Page<TraceRecord> traces(TraceSearch s, Window w) {
    checkPage(s.cursor(), s.limit());
    if (!(s.durationMinMs() >= 0) || Double.isInfinite(s.durationMinMs())) {
      throw new QueryException("duration_min", "must be a finite number >= 0, was " + s.durationMinMs());
    }
    double minMs = s.status() == TraceStatus.SLOW ? Math.max(slowMs, s.durationMinMs()) : s.durationMinMs();
    return store.readTraces(TraceQuery.range(w.from(), w.to(), s.limit())
        .withErrorsOnly(s.status() == TraceStatus.ERROR).withMinDurationMs(minMs).withDomain(s.domain())
        .withRoute(s.route()).withTraceId(checkTraceId(s.traceId())).withCursor(s.cursor()));
  }

  Correlation correlate(String traceId, Window w) {
    if (traceId == null) {
      throw new QueryException("trace_id", "is required");
    }
    checkTraceId(traceId);
    int max = Page.MAX_LIMIT;
    Page<TraceRecord> spans = store.readTraces(TraceQuery.range(w.from(), w.to(), max).withTraceId(traceId));
    Page<LogEvent> logs = store.readLogs(LogQuery.range(w.from(), w.to(), max).withTraceId(traceId));
    List<TraceRecord> orderedSpans = new ArrayList<>(spans.items());
    orderedSpans.sort(Comparator.comparing(TraceRecord::ts));
    List<LogEvent> orderedLogs = new ArrayList<>(logs.items());
    orderedLogs.sort(Comparator.comparing(LogEvent::ts));
    return new Correlation(traceId, orderedSpans, orderedLogs, spans.hasMore() || logs.hasMore());
  }

  private static void checkPage(String cursor, int limit) {
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw new QueryException("limit", "must be between 1 and " + Page.MAX_LIMIT + ", was " + limit);
    }
    if (cursor != null) {
      try {
        Cursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        throw new QueryException("cursor", "is malformed: pass back the nextCursor of a previous page");
      }
    }
  }

  private static String checkTraceId(String traceId) {
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new QueryException("trace_id", "must be 1 to 64 letters, digits, '-' or '_'");
    }
    return traceId;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
