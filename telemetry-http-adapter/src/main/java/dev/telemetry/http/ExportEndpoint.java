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
import java.util.stream.Collectors;

/**
 * {@code /export}: a streamed CSV or JSON download of logs, traces, metric samples or business
 * events, at most {@value #MAX_ROWS} rows. Logs and traces are read page by page and written as
 * they come (metric samples are read for the whole range, events up to the cap, both bounded),
 * and every text cell is scrubbed again with the redaction policy.
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
      case "metrics" -> metrics(p);
      case "event_stats" -> eventStats(p);
      default -> events(p);
    };
    String file = "telemetry-" + type + "-" + FILE_TIME.format(context.clock().instant()) + "." + format;
    Map<String, String> headers = Map.of(
        "Content-Disposition", "attachment; filename=\"" + file + "\"",
        "X-Telemetry-Row-Limit", Integer.toString(limit));
    String contentType = format.equals("csv") ? "text/csv; charset=utf-8" : Exchange.JSON;
    // Rows are fetched lazily: read the first one before committing, so a store failure is still a JSON error.
    boolean any = rows.iterator.hasNext();
    try (OutputStream out = ex.stream(200, contentType, headers)) {
      if (format.equals("csv")) {
        writeCsv(out, rows, limit, any);
      } else {
        writeJson(out, type, rows, limit, any);
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

  private static void writeJson(OutputStream out, String type, Rows rows, int limit, boolean any)
      throws IOException {
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
      gen.writeNumberField("row_count", written);
      gen.writeBooleanField("truncated", written == limit && rows.iterator.hasNext());
      gen.writeEndObject();
    }
  }

  private Rows logs(QueryParams p) {
    LogQuery first = SearchEndpoints.logQuery(p, context, PageRequest.MAX_LIMIT);
    RedactionPolicy policy = context.redaction();
    Iterator<LogEvent> it = new Pages<>(cursor -> context.store().readLogs(first.withCursor(cursor)));
    return new Rows(List.of("ts", "level", "service", "node", "domain", "event", "message", "trace_id", "span_id",
        "attrs"), map(it, e -> new Object[] {e.ts(), e.level(), policy.scrub(e.service()), e.node(),
            policy.scrub(e.domain()), policy.scrub(e.event()), policy.scrub(e.message()), e.traceId(), e.spanId(),
            pairs(policy.filterAttributes(e.attrs()), policy)}));
  }

  private Rows traces(QueryParams p) {
    TraceQuery first = SearchEndpoints.traceQuery(p, context, PageRequest.MAX_LIMIT);
    RedactionPolicy policy = context.redaction();
    Iterator<TraceRecord> it = new Pages<>(cursor -> context.store().readTraces(first.withCursor(cursor)));
    return new Rows(List.of("ts", "trace_id", "span_id", "span_name", "service", "node", "domain", "route",
        "status", "error", "duration_ms"), map(it, t -> new Object[] {t.ts(), t.traceId(), t.spanId(),
            policy.scrub(t.spanName()), t.service(), t.node(), policy.scrub(t.domain()), policy.scrub(t.route()),
            t.status(), t.error(), t.durationMs()}));
  }

  private Rows metrics(QueryParams p) {
    String metric = p.requiredText("metric");
    TimeWindow window = context.window(p, "24h");
    String fallback = Duration.between(window.from(), window.to()).compareTo(Duration.ofHours(48)) <= 0
        ? "minute" : "hour";
    Resolution resolution = Resolution.valueOf(p.choice("resolution", fallback, RESOLUTIONS).toUpperCase(
        java.util.Locale.ROOT));
    List<MetricSample> samples = context.store().readSamples(new SampleQuery(metric, resolution, window.from(),
        window.to(), p.labels(), p.text("node")));
    RedactionPolicy policy = context.redaction();
    Iterator<MetricSample> it = samples.stream()
        .sorted(Comparator.comparing(MetricSample::bucketStart).thenComparing(MetricSample::node))
        .iterator();
    return new Rows(List.of("bucket_start", "resolution", "metric", "node", "labels", "kind", "count", "sum", "min",
        "max", "last", "p50", "p95", "p99"), map(it, s -> new Object[] {s.bucketStart(), s.resolution(), s.metric(),
            s.node(), pairs(s.labels(), policy), s.kind(), s.count(), s.sum(), s.min(), s.max(), s.last(),
            s.quantile(0.5), s.quantile(0.95), s.quantile(0.99)}));
  }

  private Rows events(QueryParams p) {
    TimeWindow window = context.window(p, "24h");
    String type = p.text("event_type") != null ? p.text("event_type") : null;
    List<BusinessEvent> events = context.store().readEvents(new EventQuery(type, window.from(), window.to(),
        MAX_ROWS + 1));
    RedactionPolicy policy = context.redaction();
    return new Rows(List.of("ts", "type", "subject", "outcome", "value", "service", "node", "dimensions"),
        map(events.iterator(), e -> new Object[] {e.ts(), policy.scrub(e.type()), e.subject(), e.outcome(),
            e.value(), e.service(), e.node(), pairs(policy.filterAttributes(e.dimensions()), policy)}));
  }

  /** The analytics of {@code /events} as a table: a total row, then one row per breakdown value. */
  private Rows eventStats(QueryParams p) {
    dev.telemetry.query.EventAnalytics analytics = EventViews.rescrub(queries.events(EventViews.query(p, "event_type",
        QueryEndpoints.range(context, p, "24h"))), context.redaction());
    return new Rows(EventViews.STATS_COLUMNS, EventViews.statsRows(analytics).iterator());
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

  private record Rows(List<String> columns, Iterator<Object[]> iterator) {}

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
