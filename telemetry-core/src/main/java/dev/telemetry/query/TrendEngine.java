package dev.telemetry.query;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.internal.sample.SampleAccumulator;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.Trend.TrendSeries;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads samples along a {@link ReadPlan} and merges them into step buckets per group. */
final class TrendEngine {
  private final TelemetryStore store;
  private final MetricContract contract;
  private final Clock clock;
  private final Instant startedAt;
  /** Closed steps already merged, or {@code null} when caching is off. */
  private final ClosedSteps cache;

  /**
   * @param startedAt when this node's recorder started ({@code null} when unknown): steps wholly
   *     after its start-up minute are vouched for, so an empty one is {@link TrendPoint.State#EMPTY}
   */
  TrendEngine(TelemetryStore store, MetricContract contract, Clock clock, Instant startedAt) {
    this(store, contract, clock, startedAt, null);
  }

  /** @param cache closed steps merged before, {@code null} to read every step from the store */
  TrendEngine(TelemetryStore store, MetricContract contract, Clock clock, Instant startedAt, ClosedSteps cache) {
    this.cache = cache;
    this.store = store;
    this.contract = contract;
    this.clock = clock;
    this.startedAt = startedAt;
  }

  /** The metric's definition, after checking the metric, label filter and group key against it. */
  MetricDefinition check(TrendQuery q) {
    MetricDefinition def = contract.find(q.metric())
        .orElseThrow(() -> new QueryException("metric", "'" + q.metric() + "' is not declared in the contract"));
    for (String key : q.labels().keySet()) {
      if (def.labelIndex(key) < 0) {
        throw new QueryException("label." + key, "is not a label of " + def.name() + "; allowed: " + def.labelKeys());
      }
    }
    if (q.groupBy() != null && def.labelIndex(q.groupBy()) < 0) {
      throw new QueryException("group_by", "'" + q.groupBy() + "' is not a label of " + def.name() + "; allowed: "
          + def.labelKeys());
    }
    return def;
  }

  Trend trend(TrendQuery q, Window w) {
    MetricDefinition def = check(q);
    Duration step = StepLadder.stepFor(w.span());
    long stepMillis = step.toMillis();
    Instant from = Instant.ofEpochMilli(Math.floorDiv(w.from().toEpochMilli(), stepMillis) * stepMillis);
    return merge(def, q, from, w.to(), stepMillis, StepLadder.resolutionFor(step), true);
  }

  /** One point per series over the whole window, read at the coarsest resolution that fits. */
  Trend totals(TrendQuery q, Window w) {
    MetricDefinition def = check(q);
    return merge(def, q, w.from(), w.to(), w.span().toMillis(), Resolution.DAY, false);
  }

  /** Samples of {@code metric} in {@code [from, to)}, each bucket read once at the coarsest resolution available. */
  List<MetricSample> read(String metric, Instant from, Instant to, Resolution coarsest, Map<String, String> labels,
      String node) {
    return read(metric, from, to, coarsest, labels, node, clusterSince(node));
  }

  /** Where the node-merged rows start, for a read without a node filter; else {@code null}. */
  private Instant clusterSince(String node) {
    return node != null ? null : store.readWatermark(Watermarks.CLUSTER_SINCE).orElse(null);
  }

  private List<MetricSample> read(String metric, Instant from, Instant to, Resolution coarsest,
      Map<String, String> labels, String node, Instant clusterFrom) {
    List<MetricSample> out = new ArrayList<>();
    // Without a node filter, buckets from cluster.since on are read from the node-merged rows: one
    // row per label set whatever the number of nodes (ADR 0018); older buckets from each node's rows.
    for (ReadPlan.Segment s : ReadPlan.segments(store, coarsest, from, to)) {
      Instant split = clusterFrom == null ? s.to() : ceil(s.resolution(), clusterFrom);
      if (split.isAfter(s.to())) {
        split = s.to();
      }
      if (split.isAfter(s.from())) {
        out.addAll(store.readSamples(new SampleQuery(metric, s.resolution(), s.from(), split, labels, node)));
      }
      Instant clusterStart = split.isAfter(s.from()) ? split : s.from();
      if (clusterFrom != null && clusterStart.isBefore(s.to())) {
        out.addAll(store.readSamples(new SampleQuery(metric, s.resolution(), clusterStart, s.to(), labels,
            SampleQuery.CLUSTER)));
      }
    }
    return out;
  }

  /** The first bucket of {@code resolution} that starts at or after {@code t}. */
  static Instant ceil(Resolution resolution, Instant t) {
    Instant floor = resolution.bucketStart(t);
    return floor.equals(t) ? t : floor.plus(resolution.width());
  }

  /**
   * Merges the range into steps, then steps into points. Each step is first merged per group value
   * (one value without a group key), then the values into their series; a closed step's merge per
   * value comes from {@link ClosedSteps} when it holds it, so the rows read follow the open part of
   * the chart, not the history behind it. Cached or not, a step is merged the same way, so the
   * answer is the same.
   */
  private Trend merge(MetricDefinition def, TrendQuery q, Instant from, Instant to, long stepMillis,
      Resolution coarsest, boolean cacheable) {
    long fromMillis = from.toEpochMilli();
    int buckets = (int) Math.max(1, (to.toEpochMilli() - fromMillis + stepMillis - 1) / stepMillis);
    @SuppressWarnings("unchecked")
    Map<String, SampleAccumulator>[] steps = new Map[buckets];
    // The revision is read before the watermarks and rows: a change committed after it shows as a
    // new revision on the next query, so a step read under the old one is never served again.
    OptionalLong revision = cacheable && cache != null ? store.rollupRevision() : OptionalLong.empty();
    Instant clusterFrom = clusterSince(q.node());
    int closed = 0;
    int firstRead = 0;
    long[] cachedCovered = new long[buckets];
    if (revision.isPresent()) {
      cache.observe(revision.getAsLong());
      closed = closedSteps(fromMillis, to.toEpochMilli(), stepMillis, buckets, coarsest == Resolution.MINUTE);
      while (firstRead < closed) {
        ClosedSteps.Step cached = cache.step(key(def, q, clusterFrom, stepMillis,
            fromMillis + firstRead * stepMillis), revision.getAsLong());
        if (cached == null) {
          break;
        }
        cachedCovered[firstRead] = cached.coveredMillis();
        steps[firstRead++] = cached.groups();
      }
    }
    String groupKey = q.groupBy();
    Instant readFrom = Instant.ofEpochMilli(fromMillis + firstRead * stepMillis);
    List<MetricSample> samples = read(def.name(), readFrom, to, coarsest, q.labels(), q.node(), clusterFrom);
    for (MetricSample s : samples) {
      long offset = s.bucketStart().toEpochMilli() - fromMillis;
      int b = (int) Math.min(buckets - 1, Math.max(firstRead, offset / stepMillis));
      if (steps[b] == null) {
        steps[b] = new HashMap<>(4);
      }
      String value = groupKey == null ? "" : s.labels().getOrDefault(groupKey, "");
      steps[b].computeIfAbsent(value, v -> new SampleAccumulator())
          .add(s.count(), s.sum(), s.min(), s.max(), s.last(), s.bucketStart().toEpochMilli(), s.sketch());
    }
    Grouping grouping = Grouping.of(def, groupKey, steps);
    List<TrendSeries> series = new ArrayList<>(grouping.names.size());
    SampleAccumulator empty = new SampleAccumulator();
    StepStates states = new StepStates(clock.instant(), to, startedAt);
    long[] covered = states.coveredMillis(fromMillis, stepMillis, buckets, coverageSamples(def, q, samples, readFrom,
        to, coarsest));
    // A cached step keeps the covered time computed when it was read: a closed step ends before the
    // hour watermark, so neither its rows nor its part of this node's running time change after.
    System.arraycopy(cachedCovered, 0, covered, 0, firstRead);
    for (int b = firstRead; b < closed; b++) {
      cache.put(key(def, q, clusterFrom, stepMillis, fromMillis + b * stepMillis), revision.getAsLong(),
          steps[b] == null ? Map.of() : steps[b], covered[b]);
    }
    for (int g = 0; g < grouping.names.size(); g++) {
      List<TrendPoint> points = new ArrayList<>(buckets);
      for (int b = 0; b < buckets; b++) {
        SampleAccumulator a = grouping.merged(g, steps[b]);
        long start = fromMillis + b * stepMillis;
        points.add(point(a == null ? empty : a, Instant.ofEpochMilli(start), def.kind(), stepMillis, covered[b],
            states.of(start, start + stepMillis, a != null, covered[b])));
      }
      series.add(new TrendSeries(grouping.names.get(g), points));
    }
    return new Trend(def.name(), def.kind(), def.unit().suffix(), from, to, stepMillis / 1000, q.groupBy(), series,
        grouping.folded);
  }

  /**
   * The samples whose buckets say the recorder ran (before this node's start-up minute nothing else
   * says so): every label set of the metric, so a step where one route had no request still covers the
   * minutes other routes had requests. Only a label filter needs a second read, and only before start.
   */
  private List<MetricSample> coverageSamples(MetricDefinition def, TrendQuery q, List<MetricSample> samples,
      Instant from, Instant to, Resolution coarsest) {
    if (q.labels().isEmpty()) {
      return samples;
    }
    Instant end = startedAt == null || startedAt.isAfter(to) ? to : Resolution.MINUTE.bucketStart(startedAt);
    return end.isAfter(from) ? read(def.name(), from, end, coarsest, Map.of(), q.node()) : List.of();
  }

  /**
   * How many leading steps are closed: wholly before the hour rollup watermark (so read from hour
   * and day rows only, or from minutes of rolled-up hours) and before the chart's end (so never
   * clipped). Steps read from minutes end, in addition, before the first hour that carries a dirty
   * mark (ADR 0057): a minute written into a rolled-up hour marks that hour in the same atomic step,
   * and the mark goes only with a change of the revision (read before this), so a step whose hour
   * has no mark has the minutes it had when it was cached.
   */
  private int closedSteps(long fromMillis, long toMillis, long stepMillis, int buckets, boolean fromMinutes) {
    Instant watermark = store.readWatermark(Watermarks.nameOf(Resolution.HOUR)).orElse(null);
    if (watermark == null) {
      return 0;
    }
    long until = Math.min(toMillis, Resolution.HOUR.bucketStart(watermark).toEpochMilli());
    if (fromMinutes && until > fromMillis) {
      Instant firstHour = Resolution.HOUR.bucketStart(Instant.ofEpochMilli(fromMillis));
      List<DirtyBucket> marks = store.readDirtyBuckets(Resolution.HOUR, firstHour, Instant.ofEpochMilli(until), 1);
      if (!marks.isEmpty()) {
        until = Math.min(until, marks.get(0).bucketStart().toEpochMilli());
      }
    }
    long n = until <= fromMillis ? 0 : (until - fromMillis) / stepMillis;
    return (int) Math.min(buckets, n);
  }

  private static ClosedSteps.Key key(MetricDefinition def, TrendQuery q, Instant clusterFrom, long stepMillis,
      long stepStart) {
    return new ClosedSteps.Key(def.name(), q.labels(), q.node(), q.groupBy(),
        clusterFrom == null ? Long.MIN_VALUE : clusterFrom.toEpochMilli(), stepMillis, stepStart);
  }

  /** Maps group values to at most {@link Trend#MAX_GROUPS} series, the lightest folded into "other". */
  private static final class Grouping {
    final List<String> names;
    /** Per series, its group values in rank order (one for a kept value, the rest for "other"). */
    final List<List<String>> values;
    final int folded;

    private Grouping(List<String> names, List<List<String>> values, int folded) {
      this.names = names;
      this.values = values;
      this.folded = folded;
    }

    static Grouping of(MetricDefinition def, String key, Map<String, SampleAccumulator>[] steps) {
      if (key == null) {
        return new Grouping(Collections.singletonList(null), List.of(List.of("")), 0);
      }
      boolean counter = def.kind() == MetricKind.COUNTER;
      Map<String, double[]> weights = new HashMap<>();
      for (Map<String, SampleAccumulator> step : steps) {
        if (step != null) {
          for (Map.Entry<String, SampleAccumulator> e : step.entrySet()) {
            SampleAccumulator a = e.getValue();
            weights.computeIfAbsent(e.getKey(), k -> new double[1])[0] += counter ? a.sum() : a.count();
          }
        }
      }
      List<String> ranked = new ArrayList<>(weights.keySet());
      ranked.sort(Comparator.comparingDouble((String g) -> -weights.get(g)[0])
          .thenComparing(Comparator.naturalOrder()));
      int kept = ranked.size() > Trend.MAX_GROUPS ? Trend.MAX_GROUPS - 1 : ranked.size();
      List<String> names = new ArrayList<>(ranked.subList(0, kept));
      List<List<String>> values = new ArrayList<>(kept + 1);
      for (int i = 0; i < kept; i++) {
        values.add(List.of(names.get(i)));
      }
      int folded = ranked.size() - kept;
      if (folded > 0) {
        names.add(Trend.OTHER);
        values.add(List.copyOf(ranked.subList(kept, ranked.size())));
      }
      return new Grouping(names, values, folded);
    }

    /** Series {@code g}'s merge over one step, {@code null} when none of its values has data there. */
    SampleAccumulator merged(int g, Map<String, SampleAccumulator> step) {
      if (step == null) {
        return null;
      }
      List<String> of = values.get(g);
      if (of.size() == 1) {
        return step.get(of.get(0));
      }
      SampleAccumulator out = null;
      for (String v : of) {
        SampleAccumulator a = step.get(v);
        if (a != null) {
          if (out == null) {
            out = new SampleAccumulator();
          }
          out.add(a);
        }
      }
      return out;
    }
  }

  /**
   * A chart point for a step of {@code stepMillis}, {@code coveredMillis} of which are covered; the
   * rate is per second of covered time (per step when nothing is covered, which holds no data).
   */
  static TrendPoint point(SampleAccumulator a, Instant ts, MetricKind kind, long stepMillis, long coveredMillis,
      TrendPoint.State state) {
    boolean counter = kind == MetricKind.COUNTER;
    double seconds = (coveredMillis > 0 ? coveredMillis : stepMillis) / 1000.0;
    double rate = (counter ? a.sum() : a.count()) / seconds;
    return new TrendPoint(ts, a.count(), rate, a.quantile(0.50), a.quantile(0.95), a.quantile(0.99),
        counter ? null : boxed(a.min()), counter ? null : boxed(a.max()), a.sum(),
        counter || a.count() == 0 ? null : a.sum() / a.count(), state, coveredMillis / 1000.0);
  }

  /**
   * The covered time and the state of each step (ADR 0048). A step's covered time is the part of it
   * the numbers vouch for: from this node's start (up to now and the range's end), where a minute
   * without samples is a real zero; and before this node's start-up minute, the stored buckets of the
   * metric (another node, an earlier run). A step is partial when it covers less than its length
   * (it reaches into the minute in progress or past the range's end, holds the start-up minute, or
   * mixes buckets with data and time nothing vouches for); else data, empty, or missing when nothing
   * covers it.
   */
  static final class StepStates {
    private final long completeTo;
    private final long runningFrom;
    private final long runningTo;
    private final long dataBefore;

    StepStates(Instant now, Instant to, Instant startedAt) {
      this.completeTo = Math.min(Resolution.MINUTE.bucketStart(now).toEpochMilli(), to.toEpochMilli());
      this.runningTo = Math.min(now.toEpochMilli(), to.toEpochMilli());
      if (startedAt == null) {
        this.runningFrom = Long.MAX_VALUE;
        this.dataBefore = Long.MAX_VALUE;
      } else {
        this.runningFrom = startedAt.toEpochMilli();
        this.dataBefore = Resolution.MINUTE.bucketStart(startedAt).toEpochMilli();
      }
    }

    /**
     * Covered milliseconds of each of {@code buckets} steps from {@code fromMillis}: the running
     * interval, plus the union of the samples' buckets before the start-up minute (disjoint from it).
     * Linear in samples plus steps.
     */
    long[] coveredMillis(long fromMillis, long stepMillis, int buckets, List<MetricSample> samples) {
      long[] covered = new long[buckets];
      long endMillis = fromMillis + buckets * stepMillis;
      addOverlaps(covered, fromMillis, stepMillis, runningFrom, Math.min(runningTo, endMillis));
      long dataEnd = Math.min(Math.min(dataBefore, runningTo), endMillis);
      long[][] spans = new long[samples.size()][];
      int n = 0;
      for (MetricSample s : samples) {
        long start = s.bucketStart().toEpochMilli();
        spans[n++] = new long[] {start, start + s.resolution().width().toMillis()};
      }
      java.util.Arrays.sort(spans, 0, n, Comparator.comparingLong((long[] span) -> span[0]));
      long openFrom = Long.MIN_VALUE;
      long openTo = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        if (spans[i][0] > openTo) {
          addOverlaps(covered, fromMillis, stepMillis, openFrom, Math.min(openTo, dataEnd));
          openFrom = spans[i][0];
        }
        openTo = Math.max(openTo, spans[i][1]);
      }
      addOverlaps(covered, fromMillis, stepMillis, openFrom, Math.min(openTo, dataEnd));
      return covered;
    }

    private static void addOverlaps(long[] covered, long fromMillis, long stepMillis, long start, long end) {
      long clippedStart = Math.max(start, fromMillis);
      if (end <= clippedStart) {
        return;
      }
      for (int b = (int) ((clippedStart - fromMillis) / stepMillis); b < covered.length; b++) {
        long stepStart = fromMillis + b * stepMillis;
        if (stepStart >= end) {
          break;
        }
        covered[b] += Math.min(end, stepStart + stepMillis) - Math.max(clippedStart, stepStart);
      }
    }

    TrendPoint.State of(long start, long end, boolean hasData, long coveredMillis) {
      if (coveredMillis == 0) {
        return hasData ? TrendPoint.State.PARTIAL : TrendPoint.State.MISSING;
      }
      if (end > completeTo || coveredMillis < end - start) {
        return TrendPoint.State.PARTIAL;
      }
      return hasData ? TrendPoint.State.DATA : TrendPoint.State.EMPTY;
    }
  }

  private static Double boxed(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
