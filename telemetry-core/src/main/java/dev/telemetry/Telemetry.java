package dev.telemetry;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.RouteTemplates;
import dev.telemetry.events.EventQueries;
import dev.telemetry.health.Freshness;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.HealthProbe;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.status.Thresholds;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The library's entry point: one per application. It owns the instruments declared by the
 * contract, the background pipeline that moves what they record into the store, and the
 * discrete-record APIs (logs, spans, business events, heartbeats).
 *
 * <pre>{@code
 * MetricContract contract = MetricContract.builder()
 *     .histogram("http_server_duration_seconds", m -> m.unit(MetricUnit.SECONDS)
 *         .signal(GoldenSignal.LATENCY).labels("route", "method"))
 *     .build();
 * Telemetry telemetry = Telemetry.builder().service("shop").contract(contract).build();
 * telemetry.histogram("http_server_duration_seconds").record(0.042, "route", "/cart", "method", "GET");
 * }</pre>
 *
 * <p>Nothing recorded through it throws into the caller: bad values and labels are counted in
 * {@link #selfMetrics()} and dropped. {@link #close()} flushes what is pending within the close
 * timeout.
 */
public final class Telemetry implements AutoCloseable {
  private final TelemetryConfig config;
  /** The record path no longer drops values under contention (ADR 0017); the reading stays for compatibility. */
  private static final long NO_CONTENDED_DROPS = 0;

  private final RecordStats recordStats = new RecordStats();
  private final LongAdder ignoredLogs = new LongAdder();
  private final Map<String, Object> instruments;
  private final List<SeriesTable> tables;
  private final Pipeline pipeline;
  private final Instant startedAt;
  private final Thread shutdownHook;
  private final ReadSide readSide;
  private volatile boolean closed;

  private Telemetry(TelemetryConfig config, Map<String, HealthProbe> probes, List<PageProvider> pages,
      Thresholds thresholds) {
    this.config = config;
    this.startedAt = config.clock().instant();
    List<SeriesTable> built = new ArrayList<>();
    Map<String, Object> byName = new HashMap<>();
    int stripes = config.stripesPerSeries();
    for (MetricDefinition def : config.contract().definitions()) {
      SeriesTable table = new SeriesTable(def, config.routes(), config.redaction(), recordStats, stripes);
      built.add(table);
      byName.put(def.name(), switch (def.kind()) {
        case HISTOGRAM -> new HistogramInstrument(table, recordStats, TimeUnits.perNano(def.unit()));
        case COUNTER -> new CounterInstrument(table, recordStats);
        case GAUGE -> new GaugeInstrument(table, recordStats);
      });
    }
    this.tables = List.copyOf(built);
    this.instruments = Map.copyOf(byName);
    Sanitizer sanitizer = new Sanitizer(config.service(), config.node(), config.redaction(), config.routes(),
        config.logAttributeKeys(), config.eventDimensionKeys(), config.maxMessageLength(), config.canPseudonymize());
    PipelineConfig pc = new PipelineConfig(config.node(), config.clock(), config.store(), config.flushInterval(),
        config.drainInterval(), config.maxPendingBytes(), config.retryBackoffMin(), config.retryBackoffMax(),
        config.maxBatchRows(), config.bufferCapacity(), config.background());
    List<SeriesTable> tableList = tables;
    this.pipeline = new Pipeline(pc, () -> tableList, recordStats, sanitizer);
    pipeline.start();
    this.readSide = new ReadSide(config, startedAt, this::selfMetrics, probes, pages, thresholds);
    this.shutdownHook = config.closeOnShutdown() ? new Thread(this::close, "telemetry-shutdown") : null;
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /** Starts a configuration; {@link Builder#build()} validates it and starts the pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /** The histogram declared under {@code name}; throws if the contract lacks it or declares another kind. */
  public Histogram histogram(String name) {
    return instrument(name, MetricKind.HISTOGRAM, Histogram.class);
  }

  /** The counter declared under {@code name}; throws if the contract lacks it or declares another kind. */
  public Counter counter(String name) {
    return instrument(name, MetricKind.COUNTER, Counter.class);
  }

  /** The gauge declared under {@code name}; throws if the contract lacks it or declares another kind. */
  public Gauge gauge(String name) {
    return instrument(name, MetricKind.GAUGE, Gauge.class);
  }

  private <T> T instrument(String name, MetricKind kind, Class<T> type) {
    requireNonNull(name, "name");
    Object found = instruments.get(name);
    if (found == null) {
      throw new IllegalArgumentException("metric '" + name + "' is not declared in the contract (declared: "
          + instruments.keySet().stream().sorted().toList() + ")");
    }
    if (!type.isInstance(found)) {
      MetricKind declared = config.contract().find(name).map(MetricDefinition::kind).orElse(null);
      throw new IllegalArgumentException("metric '" + name + "' is declared as " + declared + ", not " + kind);
    }
    return type.cast(found);
  }

  /** Keeps a WARN or ERROR event (scrubbed off-thread), stamped now; lower levels are counted and ignored. */
  public void log(LogLevel level, String domain, String event, String message, String traceId, String spanId,
      Map<String, String> attrs) {
    log(null, level, domain, event, message, traceId, spanId, attrs);
  }

  /**
   * Keeps a WARN or ERROR event that happened at {@code at} (a bridged record's own timestamp),
   * or now when {@code at} is {@code null}; lower levels are counted and ignored.
   */
  public void log(Instant at, LogLevel level, String domain, String event, String message, String traceId,
      String spanId, Map<String, String> attrs) {
    if (level == null || !level.isPersisted()) {
      ignoredLogs.increment();
      return;
    }
    // The pipeline cuts the texts and copies a bounded part of attrs before buffering.
    pipeline.offerLog(new RawLog(at != null ? at : config.clock().instant(), level, domain, event, message, traceId,
        spanId, attrs == null ? Map.of() : attrs));
  }

  /** A WARN event without trace context. */
  public void warn(String domain, String event, String message) {
    log(LogLevel.WARN, domain, event, message, null, null, null);
  }

  /** An ERROR event without trace context. */
  public void error(String domain, String event, String message) {
    log(LogLevel.ERROR, domain, event, message, null, null, null);
  }

  /** An ERROR event carrying the exception's type (its message is scrubbed like any text). */
  public void error(String domain, String event, String message, Throwable error) {
    Map<String, String> attrs = error == null ? Map.of() : Map.of("exception.type", error.getClass().getName());
    String text = error == null || error.getMessage() == null ? message : message + ": " + error.getMessage();
    log(LogLevel.ERROR, domain, event, text, null, null, attrs);
  }

  /**
   * Adds a span to the trace index (metadata only). The route is templated and the span name
   * scrubbed before storage.
   *
   * @param start span start, or {@code null} for now minus the duration
   * @param status HTTP status, 0 if not an HTTP span
   */
  public void span(Instant start, String traceId, String spanId, String spanName, String domain, String route,
      int status, boolean error, Duration duration) {
    double ms = duration == null ? 0 : duration.toNanos() / 1e6;
    Instant ts = start != null ? start : config.clock().instant().minus(duration == null ? Duration.ZERO : duration);
    pipeline.offerSpan(new RawSpan(ts, traceId, spanId, spanName, domain, route, status, error, ms));
  }

  /**
   * Records a business event. {@code subjectId} (a user or project id) is pseudonymized with the
   * configured salt before it leaves the flusher; without a salt such events are dropped and
   * counted.
   */
  public void event(String type, String subjectId, Map<String, String> dimensions, Outcome outcome, double value) {
    pipeline.offerEvent(new RawEvent(config.clock().instant(), type, subjectId,
        dimensions == null ? Map.of() : dimensions, outcome == null ? Outcome.NONE : outcome, value));
  }

  /** A service is alive now; it is stale after {@code expectedInterval} and dead after twice that. */
  public void heartbeat(String name, Duration expectedInterval) {
    pipeline.offerHeartbeat(new Heartbeat(name, Heartbeat.Kind.SERVICE, config.node(), config.clock().instant(),
        expectedInterval, Duration.ZERO, true, ""));
  }

  /** A job finished now, taking {@code duration}; it is expected to run every {@code interval}. */
  public void jobRun(String name, Duration interval, Duration duration, boolean ok, String detail) {
    pipeline.offerHeartbeat(new Heartbeat(name, Heartbeat.Kind.JOB, config.node(), config.clock().instant(),
        interval, duration, ok, detail));
  }

  /** A cached key or snapshot was refreshed now; it is fresh for {@code ttl}. */
  public void keyRefreshed(String name, Duration ttl) {
    pipeline.offerHeartbeat(new Heartbeat(name, Heartbeat.Kind.KEY, config.node(), config.clock().instant(),
        ttl, Duration.ZERO, true, ""));
  }

  /**
   * Snapshots every series and drains every buffer now, handing the batches to the writer. Without
   * background threads it also writes them on the calling thread (one attempt per batch; a failed
   * batch stays queued for the next flush).
   */
  public void flush() {
    pipeline.flush();
    if (!config.background()) {
      pipeline.writePending();
    }
  }

  /** Waits until everything handed to the writer so far was written or dropped; false on timeout. */
  public boolean awaitWritten(Duration timeout) {
    return pipeline.awaitWritten(timeout);
  }

  /** The library's own counters: refusals, drops, flush and write activity. */
  public SelfMetrics selfMetrics() {
    PipelineStats p = pipeline.stats();
    return new SelfMetrics(recordStats.rejectedValues(), recordStats.droppedLabels(),
        recordStats.overflowedRecords(), recordStats.scrubbedLabelValues(), NO_CONTENDED_DROPS,
        recordStats.callbackErrors(), recordStats.internalErrors(), ignoredLogs.sum(), pipeline.droppedDiscrete(),
        p.droppedBatches(), p.droppedRows(), p.droppedSamples(), p.writtenBatches(), p.writtenRows(),
        p.writeFailures(), p.flushes(), p.lastFlushNanos(), p.maxFlushNanos(), p.lastWriteNanos(),
        p.flusherErrors(), pipeline.queueDepth(), pipeline.pendingBytes());
  }

  public String service() {
    return config.service();
  }

  public String environment() {
    return config.environment();
  }

  public String node() {
    return config.node();
  }

  public MetricContract contract() {
    return config.contract();
  }

  public TelemetryStore store() {
    return config.store();
  }

  public Clock clock() {
    return config.clock();
  }

  /** Typed queries over the store: trends, top routes and errors, logs and traces. */
  public TelemetryQueries queries() {
    return readSide.queries;
  }

  /** Business-event analytics over the store: counts, subjects, breakdowns, days, event types. */
  public EventQueries events() {
    return readSide.events;
  }

  /** The golden-signal summary, refreshed every 5 s off the request path; {@code current()} never reads the store. */
  public SummaryService summary() {
    return readSide.summary;
  }

  /**
   * The service health matrix: the built-in {@code telemetry_store} and {@code telemetry_pipeline}
   * services plus the host's probes, checked every 10 s.
   */
  public HealthMatrix health() {
    return readSide.health;
  }

  /**
   * Freshness of tracked keys and jobs, worst first: {@link Freshness#readAll} over this instance's
   * store and clock (one read of the heartbeats).
   */
  public List<Freshness> freshness() {
    return Freshness.readAll(config.store().forReads(), config.clock().instant());
  }

  /** The host's pages, each cached for its TTL. */
  public PageRegistry pages() {
    return readSide.pages;
  }

  /** The thresholds behind every status colour. */
  public Thresholds thresholds() {
    return readSide.thresholds;
  }

  /**
   * The job that merges minute samples into hour and day rollups (runs every minute in the
   * background) and re-merges hours and days that late writes changed. Operators repair a range
   * with {@code telemetry.rollups().rebuild(from, to)}.
   */
  public RollupJob rollups() {
    return readSide.rollups;
  }

  /** The job that deletes data past retention (runs hourly in the background). */
  public RetentionJob retention() {
    return readSide.retention;
  }

  /** The redaction policy every record passes through; adapters scrub what they map with it. */
  public RedactionPolicy redaction() {
    return config.redaction();
  }

  /** How often metrics are snapshotted and handed to the store. */
  public Duration flushInterval() {
    return config.flushInterval();
  }

  /**
   * How long data other than day rollups is kept ({@link Builder#retention}): the longest range most
   * queries accept.
   */
  public Duration rawRetention() {
    return config.retention();
  }

  /** How long day rollups are kept ({@link Builder#dayRetention}): the longest range of totals and event analytics. */
  public Duration dayRetention() {
    return config.dayRetention();
  }

  /** The validated configuration (for the core's own tests; hosts read the accessors above). */
  TelemetryConfig config() {
    return config;
  }

  /** When this instance was built. */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * Flushes what is pending, gives the store up to the close timeout to take it, then closes the
   * store. What could not be written in time is dropped and counted. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting; the hook is running or will run close(), which returns at once
      }
    }
    readSide.close();
    pipeline.close(config.closeTimeout());
    try {
      config.store().close();
    } catch (Exception e) {
      LoggerFactory.getLogger("dev.telemetry").warn("telemetry: closing the store failed", e);
    }
  }

  /**
   * Settings for {@link Telemetry}. Setters refuse nulls and bad names at once; {@link #build()}
   * checks the whole (e.g. the contract against the redaction policy) and reports every problem
   * with the setting, the value and the rule.
   */
  public static final class Builder {
    String service;
    String environment = "production";
    String node = TelemetryConfig.defaultNode();
    MetricContract contract = MetricContract.empty();
    TelemetryStore store;
    Clock clock = Clock.systemUTC();
    Duration flushInterval = Duration.ofSeconds(60);
    Duration retention = Duration.ofDays(30);
    Duration dayRetention = Duration.ofDays(RetentionJob.DEFAULT_DAY_RETENTION_DAYS);
    RedactionPolicy redaction = RedactionPolicy.defaults();
    RouteTemplates routes = RouteTemplates.defaults();
    Set<String> logAttributeKeys = Set.of();
    Set<String> eventDimensionKeys = Set.of();
    int maxMessageLength = 2048;
    long maxPendingBytes = 32L << 20;
    Duration retryBackoffMin = Duration.ofMillis(500);
    Duration retryBackoffMax = Duration.ofSeconds(30);
    int maxBatchRows = 5000;
    int bufferCapacity = 10_000;
    Duration closeTimeout = Duration.ofSeconds(10);
    boolean closeOnShutdown = true;
    boolean backgroundThreads = true;
    Thresholds thresholds;
    final Map<String, HealthProbe> probes = new LinkedHashMap<>();
    final List<PageProvider> pages = new ArrayList<>();

    private Builder() {}

    /**
     * Thresholds behind the status colours. Default: DESIGN §5's, adjusted by
     * {@code TELEMETRY_THRESHOLD_<NAME>=warn,crit} environment variables and
     * {@code telemetry.threshold.<name>} system properties.
     */
    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** Adds a service to the health matrix, checked every 10 s off the request path with a 5 s timeout. */
    public Builder healthProbe(String service, HealthProbe probe) {
      requireNonNull(service, "service");
      requireNonNull(probe, "probe");
      if (probes.containsKey(service) || ReadSide.STORE_SERVICE.equals(service)
          || ReadSide.PIPELINE_SERVICE.equals(service)) {
        throw new IllegalArgumentException("healthProbe: service '" + service + "' is already declared");
      }
      probes.put(service, probe);
      return this;
    }

    /** Registers a host page (typed sections, cached for the provider's TTL). */
    public Builder page(PageProvider provider) {
      pages.add(requireNonNull(provider, "page"));
      return this;
    }

    /** Required. The application's name, e.g. {@code checkout} ([A-Za-z0-9][A-Za-z0-9_.-]{0,63}). */
    public Builder service(String service) {
      this.service = TelemetryConfig.checkName("service", service);
      return this;
    }

    /** Deployment environment shown on the dashboard. Default {@code production}. */
    public Builder environment(String environment) {
      this.environment = TelemetryConfig.checkName("environment", environment);
      return this;
    }

    /** This process's name among the nodes sharing a store. Default: the HOSTNAME variable, else {@code local}. */
    public Builder node(String node) {
      this.node = TelemetryConfig.checkName("node", node);
      return this;
    }

    /** The declared metrics. Default: none. */
    public Builder contract(MetricContract contract) {
      this.contract = requireNonNull(contract, "contract");
      return this;
    }

    /** Where telemetry goes. Default: a new {@link dev.telemetry.store.InMemoryStore}. Closed by {@link Telemetry#close()}. */
    public Builder store(TelemetryStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Time source for buckets and timestamps. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** How often metrics are snapshotted: 1 s to 60 s, dividing a minute evenly. Default 60 s. */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = requireNonNull(flushInterval, "flushInterval");
      return this;
    }

    /** How long data is kept: 1 hour to 30 days. Default 30 days. */
    public Builder retention(Duration retention) {
      this.retention = requireNonNull(retention, "retention");
      return this;
    }

    /**
     * How long day rollups are kept: metric day samples and daily event rollups, which answer
     * "last 90 days" and "all time" totals and event analytics after the raw data is deleted. From
     * the retention to 3,660 days. Default {@value RetentionJob#DEFAULT_DAY_RETENTION_DAYS} days.
     */
    public Builder dayRetention(Duration dayRetention) {
      this.dayRetention = requireNonNull(dayRetention, "dayRetention");
      return this;
    }

    /** Forbidden fields, scrub patterns and the pseudonym salt. Default: {@link RedactionPolicy#defaults()}. */
    public Builder redaction(RedactionPolicy redaction) {
      this.redaction = requireNonNull(redaction, "redaction");
      return this;
    }

    /** How route labels are templated. Default: {@link RouteTemplates#defaults()}. */
    public Builder routeTemplates(RouteTemplates routes) {
      this.routes = requireNonNull(routes, "routeTemplates");
      return this;
    }

    /** Log attribute keys kept (forbidden ones never are). Default: any key that is not forbidden. */
    public Builder logAttributeKeys(String... keys) {
      this.logAttributeKeys = Set.of(keys);
      return this;
    }

    /** Business-event dimension keys kept (forbidden ones never are). Default: any key that is not forbidden. */
    public Builder eventDimensionKeys(String... keys) {
      this.eventDimensionKeys = Set.of(keys);
      return this;
    }

    /** Longest log message kept, 64..16384 chars. Default 2048. */
    public Builder maxMessageLength(int chars) {
      this.maxMessageLength = chars;
      return this;
    }

    /** Memory budget for batches waiting for the store, 64 KiB..1 GiB. Default 32 MiB. */
    public Builder maxPendingBytes(long bytes) {
      this.maxPendingBytes = bytes;
      return this;
    }

    /** Retry delays for failed writes, doubling from {@code min} up to {@code max}. Default 500 ms..30 s. */
    public Builder retryBackoff(Duration min, Duration max) {
      this.retryBackoffMin = requireNonNull(min, "retryBackoff min");
      this.retryBackoffMax = requireNonNull(max, "retryBackoff max");
      return this;
    }

    /** Most rows in one batch handed to the store, 1..100000. Default 5000. */
    public Builder maxBatchRows(int rows) {
      this.maxBatchRows = rows;
      return this;
    }

    /** Capacity of each buffer of logs, spans, events and heartbeats, 16..1000000. Default 10000. */
    public Builder bufferCapacity(int capacity) {
      this.bufferCapacity = capacity;
      return this;
    }

    /** How long {@link Telemetry#close()} waits for the store, 0..5 minutes. Default 10 s. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = requireNonNull(timeout, "closeTimeout");
      return this;
    }

    /** Whether a JVM shutdown hook closes (and so flushes) the instance. Default true. */
    public Builder closeOnShutdown(boolean closeOnShutdown) {
      this.closeOnShutdown = closeOnShutdown;
      return this;
    }

    /**
     * Whether the flusher and writer threads run. Default true. Without them nothing moves until
     * {@link Telemetry#flush()}; tests use this with a fixed clock.
     */
    public Builder backgroundThreads(boolean backgroundThreads) {
      this.backgroundThreads = backgroundThreads;
      return this;
    }

    /** Validates everything and starts the pipeline. */
    public Telemetry build() {
      Thresholds chosen = thresholds != null ? thresholds
          : Thresholds.builder().fromEnvironment(System.getenv(), System.getProperties()).build();
      return new Telemetry(TelemetryConfig.validate(this),
          Collections.unmodifiableMap(new LinkedHashMap<>(probes)), List.copyOf(pages), chosen);
    }
  }
}
