package dev.telemetry.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventQueries;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * {@code /export}: a streamed CSV or JSON download of logs, traces, metric samples or business
 * events, at most {@value #MAX_ROWS} rows, newest first. Every text cell is scrubbed again with the
 * redaction policy.
 *
 * <p>Every export states the range it covers before the body starts: the requested range in {@code
 * X-Telemetry-Range-From} / {@code -To}, and the range whose every matching row is in the body in
 * {@code X-Telemetry-Covered-From} / {@code -To} with {@code X-Telemetry-Truncated} (also {@code
 * covered_from}, {@code covered_to} and {@code truncated} in JSON). The body holds exactly the rows
 * of the covered range. To know the cut before the first byte, logs and traces are walked twice,
 * page by page: once to find the first row past the limit (newest first), then to stream the rows
 * newer than it. Memory stays one page; the cost is a second read of at most {@code limit} rows.
 * Metric samples (read for the whole range) and events (read up to the cap) are bounded lists
 * already.
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

  /**
   * The most rows a body holds. Logs and traces written into the covered range between finding the
   * cut and streaming it are in the body too (the covered range promises every matching row), so a
   * body may hold more than {@code limit} rows by those; this ceiling bounds that.
   */
  static final int MAX_BODY_ROWS = 2 * MAX_ROWS;

  private final DashboardContext context;
  private final EventQueries events;
  private final Semaphore running = new Semaphore(MAX_CONCURRENT);

  ExportEndpoint(DashboardContext context, EventQueries events) {
    this.context = context;
    this.events = events;
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
      case "logs" -> logs(p, limit);
      case "traces" -> traces(p, limit);
      case "metrics" -> metrics(p, context.window(p, "24h"), limit);
      case "event_stats" -> eventStats(p, context.window(p, "24h"));
      default -> events(context.window(p, "24h"), p, limit);
    };
    TimeWindow window = rows.window;
    String file = "telemetry-" + type + "-" + FILE_TIME.format(context.clock().instant()) + "." + format;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Disposition", "attachment; filename=\"" + file + "\"");
    headers.put("X-Telemetry-Row-Limit", Integer.toString(limit));
    headers.put("X-Telemetry-Range-From", window.from().toString());
    headers.put("X-Telemetry-Range-To", window.to().toString());
    headers.put("X-Telemetry-Covered-From", rows.coveredFrom.toString());
    headers.put("X-Telemetry-Covered-To", window.to().toString());
    headers.put("X-Telemetry-Truncated", Boolean.toString(rows.truncated));
    String contentType = format.equals("csv") ? "text/csv; charset=utf-8" : Exchange.JSON;
    // Rows are fetched lazily: read the first one before committing, so a store failure is still a JSON error.
    boolean any = rows.iterator.hasNext();
    try (OutputStream out = ex.stream(200, contentType, headers)) {
      if (format.equals("csv")) {
        writeCsv(out, rows, any);
      } else {
        writeJson(out, type, rows, limit, any);
      }
    }
  }

  private static void writeCsv(OutputStream out, Rows rows, boolean any) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = new CsvWriter(writer);
    csv.row(rows.columns.toArray());
    int written = 0;
    while (any && written < MAX_BODY_ROWS && rows.iterator.hasNext()) {
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
      while (any && written < MAX_BODY_ROWS && rows.iterator.hasNext()) {
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
      gen.writeBooleanField("truncated", rows.truncated);
      gen.writeStringField("requested_from", rows.window.from().toString());
      gen.writeStringField("requested_to", rows.window.to().toString());
      gen.writeStringField("covered_from", rows.coveredFrom.toString());
      gen.writeStringField("covered_to", rows.window.to().toString());
      gen.writeEndObject();
    }
  }

  private Rows logs(QueryParams p, int limit) {
    LogQuery first = SearchEndpoints.logQuery(p, context, Page.MAX_LIMIT);
    TimeWindow window = new TimeWindow(first.from(), first.to(), null);
    LogEvent cut = firstLeftOut(new Pages<>(cursor -> context.store().readLogs(first.withCursor(cursor))), limit);
    Instant coveredFrom = cut == null ? first.from() : justAfter(cut.ts());
    LogQuery body = new LogQuery(coveredFrom, first.to(), first.levels(), first.domain(), first.service(),
        first.search(), first.traceId(), null, first.limit());
    RedactionPolicy policy = context.redaction();
    Iterator<LogEvent> it = new Pages<>(cursor -> context.store().readLogs(body.withCursor(cursor)));
    return new Rows(List.of("ts", "level", "service", "node", "domain", "event", "message", "trace_id", "span_id",
        "attrs"), window, coveredFrom, cut != null, map(it, e -> new Object[] {e.ts(), e.level(),
            policy.scrub(e.service()), e.node(), policy.scrub(e.domain()), policy.scrub(e.event()),
            policy.scrub(e.message()), e.traceId(), e.spanId(), pairs(policy.filterAttributes(e.attrs()), policy)}));
  }

  private Rows traces(QueryParams p, int limit) {
    TraceQuery first = SearchEndpoints.traceQuery(p, context, Page.MAX_LIMIT);
    TimeWindow window = new TimeWindow(first.from(), first.to(), null);
    TraceRecord cut = firstLeftOut(new Pages<>(cursor -> context.store().readTraces(first.withCursor(cursor))),
        limit);
    Instant coveredFrom = cut == null ? first.from() : justAfter(cut.ts());
    TraceQuery body = new TraceQuery(coveredFrom, first.to(), first.errorsOnly(), first.minDurationMs(),
        first.domain(), first.route(), first.traceId(), null, first.limit());
    RedactionPolicy policy = context.redaction();
    Iterator<TraceRecord> it = new Pages<>(cursor -> context.store().readTraces(body.withCursor(cursor)));
    return new Rows(List.of("ts", "trace_id", "span_id", "span_name", "service", "node", "domain", "route",
        "status", "error", "duration_ms"), window, coveredFrom, cut != null, map(it, t -> new Object[] {t.ts(),
            t.traceId(), t.spanId(), policy.scrub(t.spanName()), t.service(), t.node(), policy.scrub(t.domain()),
            policy.scrub(t.route()), t.status(), t.error(), t.durationMs()}));
  }

  private Rows metrics(QueryParams p, TimeWindow window, int limit) {
    String metric = p.requiredText("metric");
    String fallback = Duration.between(window.from(), window.to()).compareTo(Duration.ofHours(48)) <= 0
        ? "minute" : "hour";
    Resolution resolution = Resolution.valueOf(p.choice("resolution", fallback, RESOLUTIONS).toUpperCase(
        Locale.ROOT));
    List<MetricSample> samples = context.store().readSamples(new SampleQuery(metric, resolution, window.from(),
        window.to(), p.labels(), p.text("node")));
    RedactionPolicy policy = context.redaction();
    // Newest first, so a cut-off export holds the newest buckets; ties by node, then labels.
    List<MetricSample> sorted = samples.stream()
        .sorted(Comparator.comparing(MetricSample::bucketStart).reversed().thenComparing(MetricSample::node)
            .thenComparing(s -> s.labels().toString()))
        .toList();
    // Cut after the first bucket left out, so a bucket split between the body and the rest is never claimed.
    boolean truncated = sorted.size() > limit;
    Instant coveredFrom = truncated ? sorted.get(limit).bucketStart().plus(resolution.width()) : window.from();
    List<MetricSample> covered = sorted.subList(0, truncated ? coveredCount(sorted, coveredFrom) : sorted.size());
    return new Rows(List.of("bucket_start", "resolution", "metric", "node", "labels", "kind", "count", "sum", "min",
        "max", "last", "p50", "p95", "p99"), window, coveredFrom, truncated,
        map(covered.iterator(), s -> new Object[] {s.bucketStart(), s.resolution(), s.metric(),
            s.node(), pairs(s.labels(), policy), s.kind(), s.count(), s.sum(), s.min(), s.max(), s.last(),
            s.quantile(0.5), s.quantile(0.95), s.quantile(0.99)}));
  }

  private static int coveredCount(List<MetricSample> newestFirst, Instant coveredFrom) {
    int n = 0;
    while (n < newestFirst.size() && !newestFirst.get(n).bucketStart().isBefore(coveredFrom)) {
      n++;
    }
    return n;
  }

  private Rows events(TimeWindow window, QueryParams p, int limit) {
    String type = p.text("event_type") != null ? p.text("event_type") : null;
    List<BusinessEvent> events = context.store().readEvents(new EventQuery(type, window.from(), window.to(),
        MAX_ROWS + 1));
    RedactionPolicy policy = context.redaction();
    boolean truncated = events.size() > limit;
    Instant coveredFrom = truncated ? justAfter(events.get(limit).ts()) : window.from();
    // Rows sharing the first left-out row's instant are not wholly in the body, so none of them is.
    List<BusinessEvent> covered = events.subList(0, Math.min(limit, events.size())).stream()
        .filter(e -> !e.ts().isBefore(coveredFrom)).toList();
    return new Rows(List.of("ts", "type", "subject", "outcome", "value", "service", "node", "dimensions"), window,
        coveredFrom, truncated, map(covered.iterator(), e -> new Object[] {e.ts(), policy.scrub(e.type()),
            e.subject(), e.outcome(), e.value(), e.service(), e.node(),
            pairs(policy.filterAttributes(e.dimensions()), policy)}));
  }

  /** The analytics of {@code /events} as a table: a total row, then one row per breakdown value. */
  private Rows eventStats(QueryParams p, TimeWindow window) {
    EventAnalytics analytics = EventViews.rescrub(this.events.analyze(EventViews.query(p, "event_type",
        QueryEndpoints.range(context, p, "24h"))), context.redaction());
    // Every statistics row fits (at most N + 2 rows), so the answer covers the whole window.
    return new Rows(EventViews.STATS_COLUMNS, window, window.from(), false,
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

  /**
   * The start of the range of rows newer than one stamped {@code ts}. Stores keep row times to the
   * millisecond (and select by millisecond), so the next instant a newer row can have is 1 ms later.
   */
  private static Instant justAfter(Instant ts) {
    return ts.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
  }

  /**
   * The first row past {@code limit} rows of a newest-first walk, or {@code null} when every row
   * fits: the cut of a capped export. Reads lazily, so memory stays one page.
   */
  private static <T> T firstLeftOut(Iterator<T> newestFirst, int limit) {
    for (int i = 0; i < limit && newestFirst.hasNext(); i++) {
      newestFirst.next();
    }
    return newestFirst.hasNext() ? newestFirst.next() : null;
  }

  /**
   * @param window the range requested
   * @param coveredFrom the start of the range whose every matching row is in the body (the requested
   *     start when nothing was left out)
   * @param truncated whether matching rows older than {@code coveredFrom} were left out
   * @param iterator exactly the rows of {@code [coveredFrom, window.to)}, newest first
   */
  private record Rows(List<String> columns, TimeWindow window, Instant coveredFrom, boolean truncated,
      Iterator<Object[]> iterator) {}

  /** Walks newest-first pages lazily, one store read per page. */
  private static final class Pages<T> implements Iterator<T> {
    private final java.util.function.Function<String, Page<T>> read;
    private Iterator<T> current = Collections.emptyIterator();
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
