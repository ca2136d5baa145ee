package dev.telemetry.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.PageRequest;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /export}: a streamed CSV or JSON download of logs, traces, metric samples or business
 * events, at most {@value #MAX_ROWS} rows, newest first. Logs and traces are read page by page and
 * written as they come (metric samples are read for the whole range, events up to the cap, both
 * bounded), and every text cell is scrubbed again with the redaction policy.
 *
 * <p>Every export states the range it covers: the requested range in {@code X-Telemetry-Range-From}
 * / {@code -To}; the range whose every matching row is in the body in {@code covered_from} /
 * {@code covered_to} (JSON) and, when known before the body starts (metrics, events), in {@code
 * X-Telemetry-Covered-From} / {@code -To}. Rows are newest first, so a cut-off export covers
 * the newest part of the range.
 */
final class ExportEndpoint {
  /** The export's path below the API prefix. */
  static final String PATH = "/export";
  static final int MAX_ROWS = 10_000;
  static final List<String> TYPES = List.of("logs", "traces", "metrics", "events", "event_stats");
  static final List<String> FORMATS = List.of("csv", "json");
  static final List<String> RESOLUTIONS = List.of("minute", "hour", "day");
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Exports streamed at once. An export is the one answer that costs real work per byte (up to
   * 10,000 rows); clients that start exports and never read them must not take the CPU and workers
   * from everyone else, so past this many the answer is 503 {@code too_many_exports}.
   */
  static final int MAX_CONCURRENT = 2;

  private final DashboardContext context;
  private final dev.telemetry.query.TelemetryQueries queries;
  private final Semaphore running = new Semaphore(MAX_CONCURRENT);

  ExportEndpoint(DashboardContext context, dev.telemetry.query.TelemetryQueries queries) {
    this.context = context;
    this.queries = queries;
  }

  Endpoint endpoint() {
    Set<String> params = new HashSet<>(Set.of("type", "format", "limit", "metric", "node", "resolution", "event_type", "by",
        "compare", QueryParams.ANY_FILTER));
    params.addAll(SearchEndpoints.LOG_PARAMS);
    params.addAll(SearchEndpoints.TRACE_PARAMS);
    params.remove("cursor");
    return new Endpoint(PATH, Set.copyOf(params), true, AuditEntry.EXPORT, this::export);
  }

  /** Names the audited export, e.g. {@code logs/csv}; called before the download starts. */
  static String detail(QueryParams p) {
    return p.choice("type", "logs", TYPES) + "/" + p.choice("format", "csv", FORMATS);
  }

  private void export(Exchange ex, QueryParams p) throws IOException {
    if (!running.tryAcquire()) {
      throw new ApiException(503, "too_many_exports", MAX_CONCURRENT + " exports are running; try again when one"
          + " has finished", null);
    }
    try {
      exportRows(ex, p);
    } finally {
      running.release();
    }
  }

  private void exportRows(Exchange ex, QueryParams p) throws IOException {
    String type = p.choice("type", null, TYPES);
    if (type == null) {
      throw new ApiException(400, "missing_parameter", "type is required (" + String.join(", ", TYPES) + ")", "type");
    }
    String format = p.choice("format", "csv", FORMATS);
    // event_stats: limit is the breakdown's top N as on /events, and the rows (at most N + 2) all fit.
    boolean stats = type.equals("event_stats");
    int limit = stats ? MAX_ROWS : p.integer("limit", MAX_ROWS, 1, MAX_ROWS);
    Rows rows = switch (type) {
      case "logs" -> logs(p);
      case "traces" -> traces(p);
      case "metrics" -> metrics(p, context.window(p, "24h"), limit);
      case "event_stats" -> eventStats(p, context.window(p, "24h"));
      default -> events(context.window(p, "24h"), p, limit);
    };
    TimeWindow window = rows.window;
    String file = "telemetry-" + type + "-" + FILE_TIME.format(context.clock().instant()) + "." + format;
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Disposition", "attachment; filename=\"" + file + "\"");
    headers.put("X-Telemetry-Row-Limit", Integer.toString(limit));
    headers.put("X-Telemetry-Range-From", window.from().toString());
    headers.put("X-Telemetry-Range-To", window.to().toString());
    if (rows.coveredFrom != null) {
      headers.put("X-Telemetry-Covered-From", rows.coveredFrom.apply(window.from()).toString());
      headers.put("X-Telemetry-Covered-To", window.to().toString());
    }
    String contentType = format.equals("csv") ? "text/csv; charset=utf-8" : Exchange.JSON;
    // Rows are fetched lazily: read the first one before committing, so a store failure is still a JSON error.
    boolean any = rows.iterator.hasNext();
    try (OutputStream out = ex.stream(200, contentType, headers)) {
      if (format.equals("csv")) {
        writeCsv(out, rows, limit, any);
      } else {
        writeJson(out, type, rows, limit, any, window);
      }
    }
  }

  private static void writeCsv(OutputStream out, Rows rows, int limit, boolean any) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = new CsvWriter(writer);
    csv.row(rows.columns.toArray());
    int written = 0;
    while (any && written < limit && rows.iterator.hasNext()) {
      csv.row(rows.iterator.next());
      written++;
      if (written % 500 == 0) {
        writer.flush();
      }
    }
    writer.flush();
  }

  private static void writeJson(OutputStream out, String type, Rows rows, int limit, boolean any,
      TimeWindow window) throws IOException {
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
      gen.setCodec(Json.MAPPER);
      gen.writeStartObject();
      gen.writeStringField("type", type);
      gen.writeNumberField("row_limit", limit);
      gen.writeArrayFieldStart("rows");
      int written = 0;
      while (any && written < limit && rows.iterator.hasNext()) {
        Object[] row = rows.iterator.next();
        gen.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          gen.writeFieldName(rows.columns.get(i));
          Json.MAPPER.writeValue(gen, row[i]);
        }
        gen.writeEndObject();
        written++;
      }
      gen.writeEndArray();
      boolean truncated = written == limit && rows.iterator.hasNext();
      gen.writeNumberField("row_count", written);
      gen.writeBooleanField("truncated", truncated);
      gen.writeStringField("requested_from", window.from().toString());
      gen.writeStringField("requested_to", window.to().toString());
      // newest first: everything after the first row left out is in the body
      gen.writeStringField("covered_from", (truncated ? rows.after.apply(rows.iterator.next()) : window.from())
          .toString());
      gen.writeStringField("covered_to", window.to().toString());
      gen.writeEndObject();
    }
  }

  private Rows logs(QueryParams p) {
    LogQuery first = SearchEndpoints.logQuery(p, context, PageRequest.MAX_LIMIT);
    RedactionPolicy policy = context.redaction();
    Iterator<LogEvent> it = new Pages<>(cursor -> context.store().readLogs(first.withCursor(cursor)));
    return new Rows(List.of("ts", "level", "service", "node", "domain", "event", "message", "trace_id", "span_id",
        "attrs"), new TimeWindow(first.from(), first.to(), null), AFTER_TS, null, map(it, e -> new Object[] {e.ts(), e.level(), policy.scrub(e.service()), e.node(),
            policy.scrub(e.domain()), policy.scrub(e.event()), policy.scrub(e.message()), e.traceId(), e.spanId(),
            pairs(policy.filterAttributes(e.attrs()), policy)}));
  }

  private Rows traces(QueryParams p) {
    TraceQuery first = SearchEndpoints.traceQuery(p, context, PageRequest.MAX_LIMIT);
    RedactionPolicy policy = context.redaction();
    Iterator<TraceRecord> it = new Pages<>(cursor -> context.store().readTraces(first.withCursor(cursor)));
    return new Rows(List.of("ts", "trace_id", "span_id", "span_name", "service", "node", "domain", "route",
        "status", "error", "duration_ms"), new TimeWindow(first.from(), first.to(), null), AFTER_TS, null, map(it, t -> new Object[] {t.ts(), t.traceId(), t.spanId(),
            policy.scrub(t.spanName()), t.service(), t.node(), policy.scrub(t.domain()), policy.scrub(t.route()),
            t.status(), t.error(), t.durationMs()}));
  }

  private Rows metrics(QueryParams p, TimeWindow window, int limit) {
    String metric = p.requiredText("metric");
    String fallback = Duration.between(window.from(), window.to()).compareTo(Duration.ofHours(48)) <= 0
        ? "minute" : "hour";
    Resolution resolution = Resolution.valueOf(p.choice("resolution", fallback, RESOLUTIONS).toUpperCase(
        java.util.Locale.ROOT));
    List<MetricSample> samples = context.store().readSamples(new SampleQuery(metric, resolution, window.from(),
        window.to(), p.labels(), p.text("node")));
    RedactionPolicy policy = context.redaction();
    // Newest first, so a cut-off export holds the newest buckets; ties by node, then labels.
    List<MetricSample> sorted = samples.stream()
        .sorted(Comparator.comparing(MetricSample::bucketStart).reversed().thenComparing(MetricSample::node)
            .thenComparing(s -> s.labels().toString()))
        .toList();
    Function<Object[], Instant> after = row -> ((Instant) row[0]).plus(((Resolution) row[1]).width());
    Instant coveredFrom = sorted.size() > limit ? sorted.get(limit).bucketStart().plus(resolution.width()) : null;
    return new Rows(List.of("bucket_start", "resolution", "metric", "node", "labels", "kind", "count", "sum", "min",
        "max", "last", "p50", "p95", "p99"), window, after, from -> coveredFrom != null ? coveredFrom : from,
        map(sorted.iterator(), s -> new Object[] {s.bucketStart(), s.resolution(), s.metric(),
            s.node(), pairs(s.labels(), policy), s.kind(), s.count(), s.sum(), s.min(), s.max(), s.last(),
            s.quantile(0.5), s.quantile(0.95), s.quantile(0.99)}));
  }

  private Rows events(TimeWindow window, QueryParams p, int limit) {
    String type = p.text("event_type") != null ? p.text("event_type") : null;
    List<BusinessEvent> events = context.store().readEvents(new EventQuery(type, window.from(), window.to(),
        MAX_ROWS + 1));
    RedactionPolicy policy = context.redaction();
    Instant coveredFrom = events.size() > limit ? AFTER_TS.apply(new Object[] {events.get(limit).ts()}) : null;
    return new Rows(List.of("ts", "type", "subject", "outcome", "value", "service", "node", "dimensions"), window,
        AFTER_TS, from -> coveredFrom != null ? coveredFrom : from, map(events.iterator(), e -> new Object[] {e.ts(), policy.scrub(e.type()), e.subject(), e.outcome(),
            e.value(), e.service(), e.node(), pairs(policy.filterAttributes(e.dimensions()), policy)}));
  }

  /** The analytics of {@code /events} as a table: a total row, then one row per breakdown value. */
  private Rows eventStats(QueryParams p, TimeWindow window) {
    dev.telemetry.query.EventAnalytics analytics = EventViews.rescrub(queries.events(EventViews.query(p, "event_type",
        QueryEndpoints.range(context, p, "24h"))), context.redaction());
    // Every statistics row fits (at most N + 2 rows), so the answer covers the whole window.
    return new Rows(EventViews.STATS_COLUMNS, window, row -> window.from(), requested -> requested,
        EventViews.statsRows(analytics).iterator());
  }

  private static String pairs(Map<String, String> map, RedactionPolicy policy) {
    return map.entrySet().stream().map(e -> e.getKey() + "=" + policy.scrub(e.getValue()))
        .collect(Collectors.joining(";"));
  }

  private static <T> Iterator<Object[]> map(Iterator<T> it, java.util.function.Function<T, Object[]> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Object[] next() {
        return f.apply(it.next());
      }
    };
  }

  /** Just after a row stamped at an instant (column 0): every newer row precedes it. */
  private static final Function<Object[], Instant> AFTER_TS = row -> ((Instant) row[0]).plusNanos(1);

  /**
   * @param window the range the rows were read from
   * @param after the start of the covered range when {@code row} is the first row left out
   * @param coveredFrom the covered start known before the body (given the requested start), or
   *     {@code null} when only streaming the rows tells
   */
  private record Rows(List<String> columns, TimeWindow window, Function<Object[], Instant> after,
      java.util.function.UnaryOperator<Instant> coveredFrom, Iterator<Object[]> iterator) {}

  /** Walks newest-first pages lazily, one store read per page. */
  private static final class Pages<T> implements Iterator<T> {
    private final java.util.function.Function<String, Page<T>> read;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private String cursor;
    private boolean started;
    private boolean done;

    Pages(java.util.function.Function<String, Page<T>> read) {
      this.read = read;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && !done) {
        Page<T> page = read.apply(started ? cursor : null);
        started = true;
        cursor = page.nextCursor();
        done = cursor == null;
        current = page.items().iterator();
      }
      return current.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
