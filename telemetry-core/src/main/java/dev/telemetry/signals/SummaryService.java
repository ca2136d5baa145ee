package dev.telemetry.signals;

import static java.util.Objects.requireNonNull;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.internal.guard.Failures;
import dev.telemetry.internal.status.ErrorRate;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.Summary.ServerInfo;
import dev.telemetry.signals.Summary.VitalSign;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.status.SectionError;
import dev.telemetry.status.SignalStatus;
import dev.telemetry.status.Threshold;
import dev.telemetry.status.Thresholds;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.SharedValue;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Computes the {@link Summary} behind {@code /summary}: the four vital signs, the health matrix,
 * the live error feed and server metadata. The summary is computed off the request path every
 * {@value #REFRESH_SECONDS} s and cached; {@link #current()} only returns the cached value.
 *
 * <h2>What is computed</h2>
 * From the contract's golden-signal mapping, at minute resolution, across all nodes, over one
 * window for all four signs: the last {@value #WINDOW_MINUTES} <em>complete</em> minutes (the
 * minute in progress is left out: it is still being flushed). Minutes the summary cannot vouch for
 * are left out of the window: this node's start-up minute (it holds only part of a minute) and the
 * minutes before it that hold no golden-signal data (nothing was recording). After the start-up
 * minute, a minute without samples is a real zero: the recorder was running and saw nothing.
 * <ul>
 *   <li><b>latency</b> — p95 of every request in the window, in ms, from the LATENCY histogram's
 *       sketches merged (never averaging p95s);
 *   <li><b>traffic</b> — the TRAFFIC counter's delta in the window / the window's seconds, in req/s;
 *   <li><b>errors</b> — ERRORS counter / TRAFFIC counter over the window, in %;
 *   <li><b>saturation</b> — the highest SATURATION gauge (its per-minute max; {@code ratio} ×100)
 *       in the window, in %.
 * </ul>
 * {@link VitalSign#windowMinutes()} says how many minutes the value covers ({@value #WINDOW_MINUTES},
 * fewer just after start, 0 while collecting: then the value is {@code null}).
 * Where a signal has several metrics, the standard one ({@link StandardMetrics}) is used if
 * declared, else the first declared; saturation uses every SATURATION gauge. Each sign carries
 * a sparkline of the last 60 complete minutes (the same quantity per minute) and its threshold
 * ({@link Thresholds#LATENCY_P95_MS}, none for traffic unless {@code traffic_rps} is declared,
 * {@link Thresholds#ERROR_RATE_PCT}, {@link Thresholds#SATURATION_PCT}).
 *
 * <h2>One summary per cluster</h2>
 * With {@link Builder#shareAcrossNodes()} one node at a time (the holder of a lease in the store)
 * reads the vital signs and the node list and shares them; the other nodes read one row instead
 * of the hour's samples (ADR 0058).
 *
 * <h2>Failures</h2>
 * Every store read is guarded: a failing read leaves its section empty (value {@code null},
 * status unknown) and adds a {@link SectionError} naming it; {@link #refresh()} never throws.
 *
 * <pre>{@code
 * SummaryService summary = SummaryService.builder(telemetry).healthMatrix(matrix).build();
 * summary.start(scheduler);      // refreshes now and every 5 s
 * Summary s = summary.current(); // on the request path: no store access
 * }</pre>
 */
public final class SummaryService implements AutoCloseable {
  /** Seconds between two refreshes once started. */
  public static final int REFRESH_SECONDS = 5;
  /** How many ERROR events the live feed shows. */
  public static final int ERROR_FEED_SIZE = 25;
  /** Complete minutes in the window of every vital sign. */
  public static final int WINDOW_MINUTES = 5;
  /** What each vital sign means, as {@code /config} states it. */
  public static final Map<String, String> DEFINITIONS = definitions();
  /** The optional threshold of the traffic vital sign. */
  public static final String TRAFFIC_RPS = "traffic_rps";

  static final String LATENCY = "latency";
  static final String TRAFFIC = "traffic";
  static final String ERRORS = "errors";
  static final String SATURATION = "saturation";
  static final String ERROR_FEED = "error_feed";
  static final String HEALTH = "health";

  private static final Duration ERROR_FEED_RANGE = Duration.ofHours(24);
  /** The name of the cluster's shared summary part in the store (ADR 0058). */
  static final String SHARED_NAME = "summary";
  /** How long the node that shared it keeps the lease after each write: three refreshes. */
  static final Duration SHARED_LEASE = Duration.ofSeconds(3L * REFRESH_SECONDS);
  /** A shared part older than two refreshes is not used: its holder has stalled. */
  static final Duration SHARED_MAX_AGE = Duration.ofSeconds(2L * REFRESH_SECONDS);

  private final TelemetryStore store;
  private final Clock clock;
  private final Instant startedAt;
  private final Thresholds thresholds;
  private final HealthMatrix healthMatrix;
  private final String version;
  private final String service;
  private final String environment;
  private final String node;
  private final MetricDefinition latencyMetric;
  private final MetricDefinition trafficMetric;
  private final MetricDefinition errorsMetric;
  private final List<MetricDefinition> saturationMetrics;
  private final boolean shared;
  private final List<Consumer<Summary>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<ScheduledFuture<?>> schedule = new AtomicReference<>();
  private final Object refreshLock = new Object();
  private volatile Summary current;

  private SummaryService(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.startedAt = b.startedAt;
    this.thresholds = b.thresholds;
    this.healthMatrix = b.healthMatrix;
    this.version = b.version;
    this.service = b.service;
    this.environment = b.environment;
    this.node = b.node;
    this.latencyMetric = pick(b.contract, GoldenSignal.LATENCY, StandardMetrics.HTTP_SERVER_DURATION);
    this.trafficMetric = pick(b.contract, GoldenSignal.TRAFFIC, StandardMetrics.HTTP_SERVER_REQUESTS);
    this.errorsMetric = pick(b.contract, GoldenSignal.ERRORS, StandardMetrics.HTTP_SERVER_ERRORS);
    this.saturationMetrics = b.contract.bySignal(GoldenSignal.SATURATION);
    this.shared = b.shared && b.node != null;
    this.current = placeholder();
  }

  /** From parts (tests, or hosts wiring their own). */
  public static Builder builder(TelemetryStore store, MetricContract contract, Clock clock, Instant startedAt) {
    return new Builder(store, contract, clock, startedAt);
  }

  /** The cached summary. Never reads the store and never blocks. */
  public Summary current() {
    return current;
  }

  /**
   * Recomputes the summary from the store, caches it, tells listeners and returns it. Never throws;
   * concurrent calls run one at a time.
   */
  public Summary refresh() {
    synchronized (refreshLock) {
      Summary s = compute();
      current = s;
      for (Consumer<Summary> l : listeners) {
        try {
          l.accept(s);
        } catch (Throwable t) {
          Failures.rethrowIfFatal(t);
        }
      }
      return s;
    }
  }

  /** Called with each new summary on the refreshing thread (the live feed's {@code vital_signs}). Contained. */
  public void addListener(Consumer<Summary> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** Refreshes now and every {@value #REFRESH_SECONDS} s on {@code scheduler}; a second start is an error. */
  public void start(ScheduledExecutorService scheduler) {
    requireNonNull(scheduler, "scheduler");
    ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    if (!schedule.compareAndSet(null, f)) {
      f.cancel(false);
      throw new IllegalStateException("summary service already started");
    }
  }

  /** Stops the schedule. */
  @Override
  public void close() {
    ScheduledFuture<?> f = schedule.getAndSet(null);
    if (f != null) {
      f.cancel(false);
    }
  }

  private Summary compute() {
    Instant now = clock.instant();
    ClusterVitals cluster = clusterVitals(now);
    List<SectionError> errors = new ArrayList<>();
    Set<String> nodes = new TreeSet<>(cluster.nodes);
    if (node != null) {
      nodes.add(node);
    }
    boolean[] covered = coverage(cluster);

    List<VitalSign> vitals = List.of(
        section(LATENCY, cluster, errors, () -> latency(cluster.latency, covered),
            () -> empty(LATENCY, "ms", thresholds.find(Thresholds.LATENCY_P95_MS))),
        section(TRAFFIC, cluster, errors, () -> traffic(cluster.traffic, covered),
            () -> empty(TRAFFIC, "req/s", thresholds.find(TRAFFIC_RPS))),
        section(ERRORS, cluster, errors, () -> errorRate(cluster.errors, cluster.traffic, covered),
            () -> empty(ERRORS, "%", thresholds.find(Thresholds.ERROR_RATE_PCT))),
        section(SATURATION, cluster, errors, () -> saturation(cluster.saturation, covered),
            () -> empty(SATURATION, "%", thresholds.find(Thresholds.SATURATION_PCT))));
    List<LogEvent> feed = section(ERROR_FEED, errors, () -> errorFeed(now), List::of);
    List<ServiceHealth> health = section(HEALTH, errors,
        () -> healthMatrix == null ? List.<ServiceHealth>of() : healthMatrix.snapshot(), List::of);
    ServerInfo server = new ServerInfo(version, service, environment, node, startedAt,
        Math.max(0, Duration.between(startedAt, now).toSeconds()), new ArrayList<>(nodes));
    return new Summary(now, coveredInWindow(covered) < WINDOW_MINUTES, vitals, health, feed, server, errors);
  }

  /**
   * The cluster's part of the summary: shared by the node holding the lease while it is fresh,
   * else computed here and offered to the others (ADR 0058). Without sharing, always computed here.
   */
  private ClusterVitals clusterVitals(Instant now) {
    if (!shared) {
      return readClusterVitals(now);
    }
    try {
      Optional<SharedValue> held = store.readShared(SHARED_NAME);
      if (held.isPresent() && !held.get().replaceableBy(node, now)
          && !held.get().writtenAt().isBefore(now.minus(SHARED_MAX_AGE))) {
        return ClusterVitals.decode(held.get().payload());
      }
    } catch (RuntimeException e) {
      // unreadable or unsupported: compute it here, as without sharing
    }
    ClusterVitals computed = readClusterVitals(now);
    try {
      store.writeShared(new SharedValue(SHARED_NAME, node, now, now.plus(SHARED_LEASE), computed.encode()));
    } catch (RuntimeException e) {
      // another node may hold the lease, or the store is down: this node's summary is still right
    }
    return computed;
  }

  /** Reads the last hour of every sign from the store, each metric once. */
  private ClusterVitals readClusterVitals(Instant now) {
    Instant to = Resolution.MINUTE.bucketStart(now);
    Instant from = to.minus(Duration.ofMinutes(HourOfMinutes.MINUTES));
    Set<String> nodes = new TreeSet<>();
    Reads reads = new Reads(from, to, nodes, readsMergedRows(from));
    List<SectionError> failures = new ArrayList<>();
    boolean[] data = dataMinutes(reads);
    HourOfMinutes latency = latencyMetric == null ? null
        : read(LATENCY, failures, () -> HourOfMinutes.sketches(from, reads.samples(latencyMetric.name())));
    HourOfMinutes traffic = trafficMetric == null ? null
        : read(TRAFFIC, failures, () -> HourOfMinutes.totals(from, reads.samples(trafficMetric.name())));
    HourOfMinutes errorTotals = errorsMetric == null || trafficMetric == null ? null : read(ERRORS, failures, () -> {
      HourOfMinutes errors = HourOfMinutes.totals(from, reads.samples(errorsMetric.name()));
      reads.samples(trafficMetric.name()); // the rate needs it: its failure is this section's too
      return errors;
    });
    HourOfMinutes saturation = read(SATURATION, failures, () -> {
      HourOfMinutes hour = HourOfMinutes.empty(from);
      for (MetricDefinition gauge : saturationMetrics) {
        double scale = gauge.unit().equals(MetricUnit.RATIO) ? 100.0 : 1.0;
        HourOfMinutes.highest(from, reads.samples(gauge.name()), scale, hour);
      }
      return hour;
    });
    return new ClusterVitals(from, data, latency, traffic, errorTotals, saturation, new ArrayList<>(nodes), failures);
  }

  private static HourOfMinutes read(String section, List<SectionError> failures,
      java.util.function.Supplier<HourOfMinutes> read) {
    try {
      return read.get();
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      failures.add(SectionError.of(section, t));
      return null;
    }
  }

  private <T> T section(String name, ClusterVitals cluster, List<SectionError> errors,
      java.util.function.Supplier<T> compute, java.util.function.Supplier<T> fallback) {
    SectionError failed = cluster.failure(name);
    if (failed != null) {
      errors.add(failed);
      return fallback.get();
    }
    return section(name, errors, compute, fallback);
  }

  private static <T> T section(String name, List<SectionError> errors, java.util.function.Supplier<T> compute,
      java.util.function.Supplier<T> fallback) {
    try {
      return compute.get();
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      errors.add(SectionError.of(name, t));
      return fallback.get();
    }
  }

  /** The minutes of the hour that hold latency, traffic or error data, on any node. */
  private boolean[] dataMinutes(Reads reads) {
    boolean[] data = new boolean[HourOfMinutes.MINUTES];
    for (MetricDefinition d : Arrays.asList(latencyMetric, trafficMetric, errorsMetric)) {
      if (d == null) {
        continue;
      }
      try {
        HourOfMinutes h = HourOfMinutes.totals(reads.from, reads.samples(d.name()));
        for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
          data[i] |= h.present[i];
        }
      } catch (RuntimeException e) {
        // the section that reads this metric reports the failure
      }
    }
    return data;
  }

  /**
   * Which of the hour's minutes the summary vouches for: every minute after this node's start-up
   * minute, the start-up minute when the node started on its first millisecond, and earlier
   * minutes that hold latency, traffic or error data (another node, or an earlier run).
   */
  private boolean[] coverage(ClusterVitals cluster) {
    HourOfMinutes hour = HourOfMinutes.empty(cluster.from);
    boolean[] covered = new boolean[HourOfMinutes.MINUTES];
    Instant startupMinute = Resolution.MINUTE.bucketStart(startedAt);
    Instant firstWhole = startupMinute.equals(startedAt) ? startupMinute : startupMinute.plus(Duration.ofMinutes(1));
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      Instant minute = hour.minuteStart(i);
      covered[i] = !minute.isBefore(firstWhole) || minute.isBefore(startupMinute) && cluster.data[i];
    }
    return covered;
  }

  private static int coveredInWindow(boolean[] covered) {
    int n = 0;
    for (int i = HourOfMinutes.MINUTES - WINDOW_MINUTES; i < HourOfMinutes.MINUTES; i++) {
      n += covered[i] ? 1 : 0;
    }
    return n;
  }

  private VitalSign latency(HourOfMinutes hour, boolean[] covered) {
    Optional<Threshold> threshold = thresholds.find(Thresholds.LATENCY_P95_MS);
    if (latencyMetric == null) {
      return empty(LATENCY, "ms", threshold);
    }
    double toMillis = latencyMetric.unit().equals(MetricUnit.SECONDS) ? 1000.0 : 1.0;
    List<VitalSign.Point> points = new ArrayList<>(HourOfMinutes.MINUTES);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      LatencySketch s = covered[i] ? hour.sketches[i] : null;
      points.add(new VitalSign.Point(hour.minuteStart(i), s == null ? null : s.quantile(0.95) * toMillis));
    }
    LatencySketch window = hour.mergedLast(WINDOW_MINUTES, covered);
    double p95 = window == null ? Double.NaN : window.quantile(0.95) * toMillis;
    return sign(LATENCY, p95, "ms", threshold, latencyMetric.name(), points, coveredInWindow(covered));
  }

  private VitalSign traffic(HourOfMinutes hour, boolean[] covered) {
    Optional<Threshold> threshold = thresholds.find(TRAFFIC_RPS);
    if (trafficMetric == null) {
      return empty(TRAFFIC, "req/s", threshold);
    }
    List<VitalSign.Point> points = new ArrayList<>(HourOfMinutes.MINUTES);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      points.add(new VitalSign.Point(hour.minuteStart(i), covered[i] ? hour.totals[i] / 60.0 : null));
    }
    int minutes = coveredInWindow(covered);
    double rate = minutes == 0 ? Double.NaN : hour.sumLast(WINDOW_MINUTES, covered) / (60.0 * minutes);
    return sign(TRAFFIC, rate, "req/s", threshold, trafficMetric.name(), points, minutes);
  }

  private VitalSign errorRate(HourOfMinutes errors, HourOfMinutes traffic, boolean[] covered) {
    Optional<Threshold> threshold = thresholds.find(Thresholds.ERROR_RATE_PCT);
    if (errorsMetric == null || trafficMetric == null) {
      return empty(ERRORS, "%", threshold);
    }
    List<VitalSign.Point> points = new ArrayList<>(HourOfMinutes.MINUTES);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      double t = traffic.totals[i];
      points.add(new VitalSign.Point(errors.minuteStart(i),
          covered[i] && t > 0 ? ErrorRate.percent(errors.totals[i], t) : null));
    }
    double total = traffic.sumLast(WINDOW_MINUTES, covered);
    double rate = ErrorRate.percent(errors.sumLast(WINDOW_MINUTES, covered), total);
    return sign(ERRORS, rate, "%", threshold, errorsMetric.name() + " / " + trafficMetric.name(), points,
        coveredInWindow(covered));
  }

  private VitalSign saturation(HourOfMinutes hour, boolean[] covered) {
    Optional<Threshold> threshold = thresholds.find(Thresholds.SATURATION_PCT);
    List<VitalSign.Point> points = new ArrayList<>(HourOfMinutes.MINUTES);
    for (int i = 0; i < HourOfMinutes.MINUTES; i++) {
      points.add(new VitalSign.Point(hour.minuteStart(i), covered[i] && hour.present[i] ? hour.highest[i] : null));
    }
    int peak = -1;
    for (int i = HourOfMinutes.MINUTES - WINDOW_MINUTES; i < HourOfMinutes.MINUTES; i++) {
      if (covered[i] && hour.present[i] && (peak < 0 || hour.highest[i] > hour.highest[peak])) {
        peak = i;
      }
    }
    int minutes = coveredInWindow(covered);
    return peak < 0 ? sign(SATURATION, Double.NaN, "%", threshold, "", points, minutes)
        : sign(SATURATION, hour.highest[peak], "%", threshold, hour.highestSource[peak], points, minutes);
  }

  private List<LogEvent> errorFeed(Instant now) {
    // up to a minute ahead: another node's clock may run slightly fast
    LogQuery q = LogQuery.range(now.minus(ERROR_FEED_RANGE), now.plus(Duration.ofMinutes(1)), ERROR_FEED_SIZE)
        .withLevels(Set.of(LogLevel.ERROR));
    return store.readLogs(q).items();
  }

  private static VitalSign sign(String name, double value, String unit, Optional<Threshold> threshold, String source,
      List<VitalSign.Point> points, int windowMinutes) {
    SignalStatus status = threshold.map(t -> t.status(value)).orElse(SignalStatus.UNKNOWN);
    return new VitalSign(name, Double.isNaN(value) ? null : value, unit, status, threshold.orElse(null),
        Double.isNaN(value) ? "" : source, points, windowMinutes);
  }

  private static VitalSign empty(String name, String unit, Optional<Threshold> threshold) {
    return new VitalSign(name, null, unit, SignalStatus.UNKNOWN, threshold.orElse(null), "", List.of(), 0);
  }

  private static Map<String, String> definitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("window", "the last " + WINDOW_MINUTES + " complete minutes, ending at the start of the current minute;"
        + " this node's start-up minute, and earlier minutes without data, are left out");
    d.put(LATENCY, "p95 of every request in the window, ms (sketches merged)");
    d.put(TRAFFIC, "requests in the window / the window's seconds, req/s");
    d.put(ERRORS, "errors / requests in the window, %");
    d.put(SATURATION, "highest saturation gauge in the window, %");
    d.put("sparkline", "the same quantity for each complete minute of the last hour; null where no minute is vouched"
        + " for (before start, the start-up minute) or, for latency and errors, where there were no requests");
    return Collections.unmodifiableMap(d);
  }

  private Summary placeholder() {
    List<VitalSign> vitals = List.of(
        empty(LATENCY, "ms", thresholds.find(Thresholds.LATENCY_P95_MS)),
        empty(TRAFFIC, "req/s", thresholds.find(TRAFFIC_RPS)),
        empty(ERRORS, "%", thresholds.find(Thresholds.ERROR_RATE_PCT)),
        empty(SATURATION, "%", thresholds.find(Thresholds.SATURATION_PCT)));
    ServerInfo server = new ServerInfo(version, service, environment, node, startedAt, 0,
        node == null ? List.of() : List.of(node));
    return new Summary(null, true, vitals, List.of(), List.of(), server,
        List.of(new SectionError("summary", "not computed yet")));
  }

  private static MetricDefinition pick(MetricContract contract, GoldenSignal signal, String standard) {
    List<MetricDefinition> candidates = contract.bySignal(signal).stream()
        .filter(d -> signal != GoldenSignal.LATENCY || d.kind() == MetricKind.HISTOGRAM)
        .toList();
    return candidates.stream().filter(d -> d.name().equals(standard)).findFirst()
        .orElse(candidates.isEmpty() ? null : candidates.get(0));
  }

  /**
   * Whether the whole hour lies after {@code cluster.since}, so every sign can be read from the
   * node-merged rows: one row per label set and minute whatever the number of nodes (ADR 0018).
   * That holds for saturation too: a node-merged gauge row's max is the highest of every node's,
   * and the sign's source names the metric and labels, never the node (ADR 0058).
   */
  private boolean readsMergedRows(Instant from) {
    try {
      return store.readWatermark(Watermarks.CLUSTER_SINCE).map(since -> !since.isAfter(from)).orElse(false);
    } catch (RuntimeException e) {
      return false; // the per-node rows give the same answer; their reads report their own failures
    }
  }

  /** The store reads of one refresh: each metric read at most once, its failure remembered. */
  private final class Reads {
    final Instant from;
    final Instant to;
    final Set<String> nodes;
    final boolean merged;
    final Map<String, Object> byMetric = new HashMap<>();

    Reads(Instant from, Instant to, Set<String> nodes, boolean merged) {
      this.from = from;
      this.to = to;
      this.nodes = nodes;
      this.merged = merged;
      if (merged) {
        // the node list no longer comes from the samples: the nodes that sent heartbeats in the hour
        try {
          for (Heartbeat h : store.readHeartbeats()) {
            if (!h.lastSeen().isBefore(from)) {
              nodes.add(h.node());
            }
          }
        } catch (RuntimeException e) {
          // the node list then shows this node only; a refresh never throws
        }
      }
    }

    List<MetricSample> samples(String metric) {
      return read(metric, merged ? SampleQuery.CLUSTER : null);
    }

    @SuppressWarnings("unchecked")
    private List<MetricSample> read(String metric, String node) {
      Object cached = byMetric.computeIfAbsent(metric + '\n' + node, key -> {
        try {
          List<MetricSample> read = store.readSamples(new SampleQuery(metric, Resolution.MINUTE, from, to, Map.of(),
              node));
          if (node == null) {
            nodes.addAll(HourOfMinutes.nodes(read));
          }
          return read;
        } catch (RuntimeException e) {
          return e;
        }
      });
      if (cached instanceof RuntimeException e) {
        throw e;
      }
      return (List<MetricSample>) cached;
    }
  }

  /** Configures a {@link SummaryService}. */
  public static final class Builder {
    private final TelemetryStore store;
    private final MetricContract contract;
    private final Clock clock;
    private final Instant startedAt;
    private Thresholds thresholds = Thresholds.defaults();
    private HealthMatrix healthMatrix;
    private String version = LibraryVersion.VALUE;
    private String service = "";
    private String environment = "";
    private String node;
    private boolean shared;

    private Builder(TelemetryStore store, MetricContract contract, Clock clock, Instant startedAt) {
      this.store = requireNonNull(store, "store");
      this.contract = requireNonNull(contract, "contract");
      this.clock = requireNonNull(clock, "clock");
      this.startedAt = requireNonNull(startedAt, "startedAt");
    }

    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** The matrix whose snapshot the summary shows (optional). */
    public Builder healthMatrix(HealthMatrix healthMatrix) {
      this.healthMatrix = requireNonNull(healthMatrix, "healthMatrix");
      return this;
    }

    /** Overrides the library version shown (default: from the jar, else {@code unknown}). */
    public Builder version(String version) {
      this.version = requireNonNull(version, "version");
      return this;
    }

    public Builder service(String service) {
      this.service = requireNonNull(service, "service");
      return this;
    }

    public Builder environment(String environment) {
      this.environment = requireNonNull(environment, "environment");
      return this;
    }

    public Builder node(String node) {
      this.node = requireNonNull(node, "node");
      return this;
    }

    /**
     * Computes the cluster's part of the summary (the vital signs and the node list) on one node
     * at a time and shares it through the store (ADR 0058): the node holding the lease computes
     * it every refresh and writes it; the others read it, one row, while it is at most {@value
     * #REFRESH_SECONDS} × 2 s old, and take the lease over when it has not been renewed for {@value
     * #REFRESH_SECONDS} × 3 s. Each node still adds its own health matrix, error feed, start-up
     * coverage and metadata. Needs {@link #node}; a store that shares nothing ({@link
     * TelemetryStore#writeShared}'s default) leaves every node computing its own. Off by default;
     * {@code Telemetry} turns it on.
     */
    public Builder shareAcrossNodes() {
      this.shared = true;
      return this;
    }

    public SummaryService build() {
      return new SummaryService(this);
    }
  }
}
