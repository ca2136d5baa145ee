package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.TrendTest.assertParam;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.query.TraceSearch.TraceStatus;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Page;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.telemetry.query.TelemetryQueries.Correlation;

class SearchesTest {
  private final QueryFixtures f = new QueryFixtures();
  private final TelemetryQueries queries = f.queries();
  private final QueryRange hour = QueryRange.last(TimeRange.LAST_HOUR);
  private int batch;

  private LogEvent log(int secondsAgo, LogLevel level, String event, String message, String traceId) {
    return new LogEvent(NOW.minusSeconds(secondsAgo), level, "api", "a", "payments", event, message, traceId, null,
        Map.of());
  }

  private TraceRecord span(int secondsAgo, String traceId, int status, boolean error, double ms) {
    return new TraceRecord(NOW.minusSeconds(secondsAgo), traceId, "s" + secondsAgo, "GET /x", "api", "a",
        "payments", "/x", status, error, ms);
  }

  private void write(List<LogEvent> logs, List<TraceRecord> traces) {
    f.store.write(new WriteBatch("b" + batch++, "a", List.of(), logs, traces, List.of(), List.of()));
  }

  @Test
  void searchesFreeTextInEventAndMessageCaseInsensitively() {
    write(List.of(log(10, LogLevel.ERROR, "charge_failed", "card declined", null),
        log(20, LogLevel.WARN, "retry", "Charge retried", null),
        log(30, LogLevel.WARN, "other", "nothing", null)), List.of());
    assertThat(queries.logs(LogSearch.of(hour, 10).withText("CHARGE")).items()).extracting(LogEvent::event)
        .containsExactly("charge_failed", "retry");
    assertThat(queries.logs(LogSearch.of(hour, 10).withLevels(LogLevel.ERROR)).items()).hasSize(1);
  }

  @Test
  void pagesStayCorrectWhileNewRowsArrive() {
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      logs.add(log(i + 1, LogLevel.WARN, "e" + i, "m", null));
    }
    write(logs, List.of());
    Set<String> seen = new HashSet<>();
    Page<LogEvent> page = queries.logs(LogSearch.of(hour, 100));
    page.items().forEach(e -> seen.add(e.event()));
    int pages = 1;
    while (page.hasMore()) {
      // newer rows land between pages; they must neither appear nor shift what follows
      write(List.of(log(0, LogLevel.WARN, "new" + pages, "m", null)), List.of());
      page = queries.logs(LogSearch.of(hour, 100).withCursor(page.nextCursor()));
      page.items().forEach(e -> assertThat(seen.add(e.event())).as("no duplicates").isTrue());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(250).noneMatch(e -> e.startsWith("new"));
  }

  @Test
  void rejectsBadPagesNamingTheParameter() {
    assertParam(() -> queries.logs(LogSearch.of(hour, 101)), "limit");
    assertParam(() -> queries.logs(LogSearch.of(hour, 10).withCursor("garbage")), "cursor");
    assertParam(() -> queries.traces(TraceSearch.of(hour, 0)), "limit");
    assertParam(() -> queries.logs(LogSearch.of(hour, 10).withText("x".repeat(257))), "search");
    assertParam(() -> queries.traces(new TraceSearch(hour, null, null, null, -1, null, null, 10)), "duration_min");
    assertParam(() -> queries.correlate("not a trace id"), "trace_id");
    assertParam(() -> TraceStatus.parse("broken"), "status");
  }

  @Test
  void presetsFindRecentErrorsAndSlowSpans() {
    write(List.of(), List.of(span(10, "t1", 200, false, 50), span(20, "t2", 503, false, 40),
        span(30, "t3", 200, true, 30), span(40, "t4", 200, false, 1500), span(4000, "t5", 500, true, 5000)));
    assertThat(queries.recentErrors(10).items()).extracting(TraceRecord::traceId).containsExactly("t2", "t3");
    assertThat(queries.recentSlow(10).items()).extracting(TraceRecord::traceId).containsExactly("t4");
    TelemetryQueries strict = TelemetryQueries.builder(f.store, f.contract, f.clock, Duration.ofDays(30))
        .slowSpanThreshold(Duration.ofMillis(45)).build();
    assertThat(strict.recentSlow(10).items()).extracting(TraceRecord::traceId).containsExactly("t1", "t4");
  }

  @Test
  void filtersTracesByRouteDomainAndDuration() {
    write(List.of(), List.of(span(10, "t1", 200, false, 50), span(20, "t2", 200, false, 250)));
    assertThat(queries.traces(new TraceSearch(hour, TraceStatus.ALL, "payments", "/x", 100, null, null, 10))
        .items()).extracting(TraceRecord::traceId).containsExactly("t2");
    assertThat(queries.traces(new TraceSearch(hour, TraceStatus.ALL, "other", null, 0, null, null, 10)).items())
        .isEmpty();
  }

  @Test
  void correlatesSpansAndLogsOfATraceOldestFirst() {
    write(List.of(log(5, LogLevel.ERROR, "boom", "failed", "abc123"), log(6, LogLevel.WARN, "x", "y", "zzz")),
        List.of(span(8, "abc123", 500, true, 20), span(9, "abc123", 200, false, 5), span(9, "other", 200, false,
            5)));
    Correlation c = queries.correlate("abc123");
    assertThat(c.spans()).extracting(TraceRecord::ts).containsExactly(NOW.minusSeconds(9), NOW.minusSeconds(8));
    assertThat(c.logs()).extracting(LogEvent::event).containsExactly("boom");
    assertThat(c.truncated()).isFalse();
  }
}
