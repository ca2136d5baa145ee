package dev.telemetry.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.telemetry.internal.sample.SampleAccumulator;
import java.util.Map;

/**
 * Merged chart steps that can no longer change without the store saying so (ADR 0049): a step
 * that ends at or before the hour rollup watermark (and the chart's end) is read from hour and
 * day rows only, and those change only with the store's {@code rollupRevision}; or, for steps
 * shorter than an hour, from minutes of rolled-up hours, which change only with a dirty mark on
 * their hour or with the revision (ADR 0057; {@code TrendEngine} checks the marks). Each entry holds,
 * per group value, the step's merged accumulator, tagged with the revision read before its rows;
 * an entry is served only while the store still reports that revision, and the whole cache is
 * dropped the first time a new one is seen. So a late write anywhere in the cluster, once its
 * repair rewrote the hour, makes every node re-read instead of serving the old merge.
 *
 * <p>Bounded in bytes (approximate heap of keys and merged sketches), least recently used out
 * first. Entries are immutable once stored: readers only read their accumulators. Thread-safe.
 */
final class ClosedSteps {
  /** Default bound: about 16 MiB, some 60 30-day charts of one series each. */
  static final long DEFAULT_MAX_BYTES = 16L << 20;

  /** One step of one chart: what the trend asked for and where the step lies. */
  record Key(String metric, Map<String, String> labels, String node, String groupBy, long clusterSinceMillis,
      long stepMillis, long stepStartMillis) {}

  /**
   * A merged step: per group value ({@code ""} without a group key), read under {@code revision},
   * with the milliseconds of it that the numbers vouch for (its covered time, ADR 0048).
   */
  record Step(long revision, Map<String, SampleAccumulator> groups, long coveredMillis, int bytes) {}

  private final Cache<Key, Step> cache;
  private volatile long revision;
  private volatile boolean seen;

  ClosedSteps(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("closedStepCacheBytes must be >= 0, was " + maxBytes);
    }
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, Step s) -> s.bytes())
        .executor(Runnable::run)
        .build();
  }

  /**
   * Notes the store's current revision; on a change, drops every entry (none of them may be served
   * again, and their bytes are better spent on the new ones).
   */
  void observe(long current) {
    if (!seen || current != revision) {
      synchronized (this) {
        if (!seen || current != revision) {
          cache.invalidateAll();
          revision = current;
          seen = true;
        }
      }
    }
  }

  /** The step's groups read under {@code current}, or {@code null}. */
  Map<String, SampleAccumulator> get(Key key, long current) {
    Step s = step(key, current);
    return s == null ? null : s.groups();
  }

  /** The step read under {@code current}, or {@code null}. */
  Step step(Key key, long current) {
    Step s = cache.getIfPresent(key);
    return s != null && s.revision() == current ? s : null;
  }

  /** Stores a step merged from rows read after {@code revisionBeforeRead} was read. */
  void put(Key key, long revisionBeforeRead, Map<String, SampleAccumulator> groups, long coveredMillis) {
    long bytes = 160 + 2L * key.metric().length();
    for (Map.Entry<String, String> e : key.labels().entrySet()) {
      bytes += 96 + 2L * (e.getKey().length() + e.getValue().length());
    }
    for (Map.Entry<String, SampleAccumulator> e : groups.entrySet()) {
      bytes += 96 + 2L * e.getKey().length() + e.getValue().heapBytes();
    }
    cache.put(key, new Step(revisionBeforeRead, Map.copyOf(groups), coveredMillis, (int) Math.min(Integer.MAX_VALUE, bytes)));
  }

  /** Approximate bytes held (for tests and the operator). */
  long bytes() {
    cache.cleanUp();
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /** Entries held. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
