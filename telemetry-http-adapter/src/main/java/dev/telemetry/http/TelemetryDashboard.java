package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.events.EventQueries;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.query.QueryException;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.status.Thresholds;
import dev.telemetry.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: the JSON API of DESIGN §4 under {@code {mount}/api/v1}, the live feed, exports
 * and the web page at {@code {mount}/}. Framework-neutral: an adapter turns its server's request
 * into a {@link DashboardRequest} and its response into a {@link DashboardResponse}; the
 * {@link JdkDashboardServer} and {@link DashboardServlet} adapters ship with the library.
 *
 * <pre>{@code
 * TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
 *     .authorizer(Authorizer.bearerToken("ops", System.getenv("TELEMETRY_TOKEN")))
 *     .build();
 * JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 9464));
 * // http://127.0.0.1:9464/admin/telemetry/
 * }</pre>
 *
 * <p>Thread-safe: {@link #handle} is called concurrently by the server's threads and blocks on
 * the store. Every JSON response carries {@code Cache-Control: no-store}; failures are JSON
 * errors and never carry a stack trace. {@link #close()} ends open live-feed streams.
 */
public final class TelemetryDashboard implements AutoCloseable {
  /** The default mount. */
  public static final String DEFAULT_MOUNT = "/admin/telemetry";
  /** Where the JSON API lives below the mount. */
  public static final String API_PREFIX = "/api/v1";

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryDashboard.class);
  private static final String STREAM = "/stream";
  private static final Pattern MOUNT = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  private final String mount;
  private final Authorizer authorizer;
  private final AuditListener audit;
  private final DashboardContext context;
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  private final StaticFiles staticFiles = new StaticFiles();
  private final LiveFeed feed;
  private final ScheduledExecutorService ticker;
  private final TelemetryQueries queries;
  private final EventQueries events;
  private final SummaryService summary;
  /** Whether the dashboard built the summary itself (a host matrix was given) and so runs and closes it. */
  private final boolean ownsSummary;

  private TelemetryDashboard(Builder b) {
    this.mount = b.mount;
    this.authorizer = b.authorizer;
    this.audit = b.audit;
    // One slow-span threshold everywhere: the query engine's (from the latency threshold) unless set here.
    Duration slow = b.slowSpanThresholdSet ? b.slowSpanThreshold : b.telemetry.queries().slowSpanThreshold();
    this.context = new DashboardContext(b.telemetry, b.links, slow, b.maxSubscribers,
        b.vitalSignsInterval, b.keepAliveInterval, b.maxStreamDuration);
    // By default the dashboard reads through the components the Telemetry instance owns and
    // schedules itself (queries, summary refreshed every 5 s, health matrix, pages).
    this.queries = b.queries != null ? b.queries
        : b.slowSpanThresholdSet ? TelemetryQueries.builder(b.telemetry.store(), b.telemetry.contract(), b.telemetry.clock(),
            b.telemetry.rawRetention()).slowSpanThreshold(b.slowSpanThreshold)
            .startedAt(b.telemetry.startedAt()).dayRetention(b.telemetry.dayRetention()).build()
        : b.telemetry.queries();
    this.events = b.events != null ? b.events : b.telemetry.events();
    PageRegistry pages = b.pages != null ? b.pages : b.telemetry.pages();
    HealthMatrix health = b.health != null ? b.health : b.telemetry.health();
    Thresholds thresholds = b.thresholds != null ? b.thresholds : b.telemetry.thresholds();
    // The summary shows the same matrix as /health: with a host-given matrix the dashboard builds
    // (and runs) its own summary over it; otherwise it reads the Telemetry instance's.
    this.ownsSummary = b.summary == null && b.health != null;
    this.summary = b.summary != null ? b.summary
        : ownsSummary ? SummaryService.builder(b.telemetry.store(), b.telemetry.contract(), b.telemetry.clock(),
            b.telemetry.startedAt()).service(b.telemetry.service()).environment(b.telemetry.environment())
            .node(b.telemetry.node()).thresholds(b.telemetry.thresholds()).healthMatrix(health)
            .version(DashboardSections.VERSION).build()
        : b.telemetry.summary();
    DashboardSections sections = new DashboardSections(context, summary, health, pages);
    this.feed = new LiveFeed(context, () -> DashboardSections.vitalSigns(summary.current()));
    summary.addListener(s -> feed.publish("vital_signs", DashboardSections.vitalSigns(s)));
    health.addListener(t -> feed.publish("health_change", t));
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("live_feed", true);
    features.put("export", true);
    features.put("pages", !pages.pages().isEmpty());
    features.put("health_probes", !health.snapshot().isEmpty());
    List<Endpoint> all = new ArrayList<>();
    all.addAll(new SearchEndpoints(context, queries).endpoints());
    all.addAll(new QueryEndpoints(context, queries, events).endpoints());
    all.addAll(new ConfigEndpoints(context, features, thresholds).endpoints());
    all.addAll(sections.endpoints());
    all.add(new ExportEndpoint(context, events).endpoint());
    all.add(new StoreEndpoint(queries, thresholds).endpoint());
    all.add(Endpoint.view(STREAM, Set.of(), this::stream));
    for (Endpoint e : all) {
      endpoints.put(e.path(), e);
    }
    if (b.tickLiveFeed) {
      this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry-live-feed");
        t.setDaemon(true);
        return t;
      });
      long ms = b.vitalSignsInterval.toMillis();
      ticker.scheduleAtFixedRate(feed::tick, ms, ms, TimeUnit.MILLISECONDS);
      if (ownsSummary) {
        summary.start(ticker);
      }
    } else {
      this.ticker = null;
      if (b.summary == null) {
        summary.refresh();
      }
    }
  }



  /** Starts a dashboard over {@code telemetry}; an {@link Authorizer} is required. */
  public static Builder builder(Telemetry telemetry) {
    return new Builder(telemetry);
  }

  /** The path prefix this dashboard answers under, e.g. {@code /admin/telemetry}. */
  public String mount() {
    return mount;
  }

  /** Answers one request. Never throws: failures become JSON errors (or a cut stream once started). */
  public void handle(DashboardRequest request, DashboardResponse response) {
    Exchange ex = new Exchange(request, response);
    try {
      route(ex);
    } catch (ApiException e) {
      fail(ex, e);
    } catch (QueryException e) {
      String message = e.getMessage().startsWith(e.param() + ": ") ? e.getMessage() .substring(e.param().length() + 2)
          : e.getMessage();
      fail(ex, ApiException.badParameter(e.param(), message));
    } catch (IOException clientGone) {
      // the client went away mid-response: nothing to answer
    } catch (StoreException e) {
      LOG.warn("telemetry: {} failed reading the store", request.path(), e);
      fail(ex, new ApiException(503, "store_unavailable", "the telemetry store could not be read", null));
    } catch (RuntimeException e) {
      LOG.warn("telemetry: {} failed", request.path(), e);
      fail(ex, new ApiException(500, "internal_error", "the request failed; see the server log", null));
    }
  }

  private void fail(Exchange ex, ApiException e) {
    if (ex.committed()) {
      return;
    }
    try {
      ex.error(e);
    } catch (IOException | RuntimeException ignored) {
      // the client is gone or the adapter refused: nothing more to do
    }
  }

  private void route(Exchange ex) throws IOException {
    String path = ex.request.path();
    if (!path.equals(mount) && !path.startsWith(mount + "/")) {
      throw ApiException.notFound("path");
    }
    String rest = path.substring(mount.length());
    boolean isApi = rest.equals(API_PREFIX) || rest.startsWith(API_PREFIX + "/");
    String sub = isApi ? rest.substring(API_PREFIX.length()) : "";
    // Every request below the mount is authorized before anything else, so an anonymous caller
    // learns nothing about paths and a host's authorizer can protect the page as well as the data.
    authorize(ex, !isApi ? DashboardRequest.Kind.PAGE : sub.equals(STREAM) ? DashboardRequest.Kind.STREAM
        : sub.equals(ExportEndpoint.PATH) ? DashboardRequest.Kind.EXPORT : DashboardRequest.Kind.API);
    if (isApi) {
      api(ex, sub);
      return;
    }
    if (rest.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(StaticFiles.securityHeaders());
      // Relative, so it stays right under a servlet context path the dashboard does not know.
      headers.put("Location", mount.substring(mount.lastIndexOf('/') + 1) + "/");
      headers.put("Content-Length", "0");
      ex.raw(308, headers).close();
      return;
    }
    if (!staticFiles.exists(rest)) {
      throw ApiException.notFound("file");
    }
    String method = ex.request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new ApiException(405, "method_not_allowed", method + " is not allowed; use GET", null);
    }
    staticFiles.serve(ex, rest, method.equals("HEAD"));
  }

  private void authorize(Exchange ex, DashboardRequest.Kind kind) {
    Authorizer.Decision decision;
    try {
      decision = requireNonNull(authorizer.authorize(ex.request.routedAs(kind)), "decision");
    } catch (RuntimeException e) {
      LOG.warn("telemetry: the authorizer failed; refusing the request", e);
      decision = Authorizer.Decision.forbidden();
    }
    switch (decision.outcome()) {
      case UNAUTHENTICATED -> throw new ApiException(401, "unauthenticated",
          "credentials are required (Authorization: Bearer <token>)", null);
      case FORBIDDEN -> throw new ApiException(403, "forbidden", "these credentials may not read the dashboard",
          null);
      default -> ex.principal(decision.principal());
    }
  }

  private void api(Exchange ex, String sub) throws IOException {
    Endpoint endpoint = endpoints.get(sub);
    String prefix = DashboardSections.PAGES + "/";
    if (endpoint == null && sub.startsWith(prefix) && DashboardSections.isPagePath(sub.substring(prefix.length()))) {
      endpoint = endpoints.get(prefix);
      ex.pathTail(sub.substring(prefix.length()));
    }
    if (endpoint == null || sub.equals(prefix)) {
      throw ApiException.notFound("API path");
    }
    if (!ex.request.method().equals("GET")) {
      throw new ApiException(405, "method_not_allowed", ex.request.method() + " is not allowed; use GET", null);
    }
    QueryParams params = QueryParams.parse(ex.request.rawQuery());
    params.allowOnly(endpoint.params(), endpoint.labels());
    String detail = endpoint.auditAction().equals(AuditEntry.EXPORT) ? ExportEndpoint.detail(params) : "";
    record(new AuditEntry(context.clock().instant(), ex.principal(), endpoint.auditAction(), API_PREFIX + sub,
        detail));
    endpoint.handler().handle(ex, params);
  }

  /** The API paths the router knows, below {@link #API_PREFIX}; {@code /pages/} stands for {@code /pages/{page}} and {@code /pages/{page}/{detail}}. */
  Set<String> apiPaths() {
    return Collections.unmodifiableSet(new TreeSet<>(endpoints.keySet()));
  }

  /** The web page's files, below the mount. */
  Set<String> staticPaths() {
    return staticFiles.paths();
  }

  private void record(AuditEntry entry) {
    try {
      audit.record(entry);
    } catch (RuntimeException e) {
      LOG.warn("telemetry: the audit listener failed", e);
    }
  }

  private void stream(Exchange ex, QueryParams params) throws IOException {
    LiveFeed.Subscriber s = feed.subscribe();
    if (s == null) {
      throw new ApiException(503, "too_many_subscribers", "the live feed has " + context.maxSubscribers()
          + " open streams; try again later", null);
    }
    try {
      OutputStream out = ex.stream(200, "text/event-stream; charset=utf-8", Map.of("X-Accel-Buffering", "no"));
      try (out) {
        feed.serve(s, out);
      }
    } finally {
      feed.unsubscribe(s);
    }
  }

  LiveFeed feed() {
    return feed;
  }

  /** Most live-feed streams open at once. */
  int maxSubscribers() {
    return context.maxSubscribers();
  }

  /**
   * Ends open live-feed streams, stops the feed's timer and the summary service the dashboard
   * created. The host still owns the telemetry, and any summary service or health matrix it passed in.
   */
  @Override
  public void close() {
    feed.close();
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (ownsSummary) {
      summary.close();
    }
  }

  /** Settings of a {@link TelemetryDashboard}; each is checked when set. */
  public static final class Builder {
    private final Telemetry telemetry;
    private String mount = DEFAULT_MOUNT;
    private Authorizer authorizer;
    private AuditListener audit = AuditListener.logging();
    private ExternalLinks links = ExternalLinks.none();
    private Duration slowSpanThreshold = Duration.ofSeconds(1);
    private int maxSubscribers = 16;
    private Duration vitalSignsInterval = Duration.ofSeconds(5);
    private Duration keepAliveInterval = Duration.ofSeconds(15);
    private Duration maxStreamDuration = Duration.ofMinutes(30);
    private boolean tickLiveFeed = true;
    private TelemetryQueries queries;
    private EventQueries events;
    private SummaryService summary;
    private HealthMatrix health;
    private PageRegistry pages;
    private Thresholds thresholds;
    private boolean slowSpanThresholdSet;

    private Builder(Telemetry telemetry) {
      this.telemetry = requireNonNull(telemetry, "telemetry");
    }

    /** Path prefix, e.g. {@code /admin/telemetry} (the default): segments of {@code [A-Za-z0-9._~-]}, no trailing slash. */
    public Builder mount(String mount) {
      if (mount == null || !MOUNT.matcher(mount).matches()) {
        throw new IllegalArgumentException("mount must look like /admin/telemetry (segments of [A-Za-z0-9._~-],"
            + " no trailing slash), was " + (mount == null ? "null" : "'" + mount + "'"));
      }
      this.mount = mount;
      return this;
    }

    /** Required: who may read the API. See {@link Authorizer#bearerToken} and {@link Authorizer#allowAll}. */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = requireNonNull(authorizer, "authorizer");
      return this;
    }

    /** Receives views and exports. Default: {@link AuditListener#logging()}. */
    public Builder audit(AuditListener audit) {
      this.audit = requireNonNull(audit, "audit");
      return this;
    }

    /** External tools for {@code /links}. Default: none. */
    public Builder links(ExternalLinks links) {
      this.links = requireNonNull(links, "links");
      return this;
    }

    /** Spans at least this long are "slow" in {@code /traces?status=slow}. Default 1 s; 1 ms to 1 hour. */
    public Builder slowSpanThreshold(Duration threshold) {
      requireNonNull(threshold, "slowSpanThreshold");
      if (threshold.toMillis() < 1 || threshold.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("slowSpanThreshold must be between 1ms and 1 hour, was " + threshold);
      }
      this.slowSpanThreshold = threshold;
      this.slowSpanThresholdSet = true;
      return this;
    }

    /** Most open live-feed streams, 1 to 256. Default 16. Each holds one thread (on the JDK server, not a request worker). */
    public Builder maxStreamSubscribers(int max) {
      if (max < 1 || max > 256) {
        throw new IllegalArgumentException("maxStreamSubscribers must be between 1 and 256, was " + max);
      }
      this.maxSubscribers = max;
      return this;
    }

    /** Longest life of one live-feed stream before the client reconnects, 1 minute to 24 hours. Default 30 minutes. */
    public Builder maxStreamDuration(Duration duration) {
      requireNonNull(duration, "maxStreamDuration");
      if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("maxStreamDuration must be between 1 minute and 24 hours, was "
            + duration);
      }
      this.maxStreamDuration = duration;
      return this;
    }

    /**
     * The health matrix behind {@code /health}, the summary's health list and {@code health_change}
     * events. Default: {@code telemetry.health()} (add probes with {@code Telemetry.builder().healthProbe}).
     * With a host matrix (and no summary service) the dashboard runs its own summary over it.
     */
    public Builder healthMatrix(HealthMatrix health) {
      this.health = requireNonNull(health, "healthMatrix");
      return this;
    }

    /** Host pages for {@code /pages}. Default: {@code telemetry.pages()} (pages registered on the Telemetry builder). */
    public Builder pages(PageRegistry pages) {
      this.pages = requireNonNull(pages, "pages");
      return this;
    }

    /**
     * The thresholds {@code /config} shows. Default: {@code telemetry.thresholds()}, which also colour
     * the vital signs; set thresholds on the Telemetry builder to change both.
     */
    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** A summary service the host runs itself. Default: {@code telemetry.summary()}, refreshed every 5 s by the Telemetry instance. */
    public Builder summaryService(SummaryService summary) {
      this.summary = requireNonNull(summary, "summaryService");
      return this;
    }

    /** The query engine. Default: {@code telemetry.queries()} (or one with this dashboard's slow-span threshold, if set). */
    public Builder queries(TelemetryQueries queries) {
      this.queries = requireNonNull(queries, "queries");
      return this;
    }

    /** The business-event queries. Default: {@code telemetry.events()}. */
    public Builder events(EventQueries events) {
      this.events = requireNonNull(events, "events");
      return this;
    }

    /** Tests drive the feed by hand. */
    Builder manualLiveFeed() {
      this.tickLiveFeed = false;
      return this;
    }

    Builder keepAliveInterval(Duration interval) {
      this.keepAliveInterval = interval;
      return this;
    }

    /** Validates and builds; fails when no authorizer was given. */
    public TelemetryDashboard build() {
      if (authorizer == null) {
        throw new IllegalStateException("an authorizer is required: .authorizer(Authorizer.bearerToken(\"ops\","
            + " token)) or, for local demos only, .authorizer(Authorizer.allowAll())");
      }
      return new TelemetryDashboard(this);
    }
  }
}
