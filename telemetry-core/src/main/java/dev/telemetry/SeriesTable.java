package dev.telemetry;

import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.RouteTemplates;
import dev.telemetry.redaction.RedactionPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Not API. The series of one metric, found by label set without allocating.
 *
 * <p>An open-addressing table sized to twice the cardinality budget, filled by compare-and-set
 * and never shrunk, so lookups take no lock and a slot once set never changes. The fast path
 * ({@link #find}) hashes the caller's (key, value) pairs in place — allowlist check, route
 * template check, length cap — and compares against the stored canonical values. Only a new label
 * set takes the slow path ({@link #findCanonical}), which builds the canonical values (route
 * normalised, capped, scrubbed), inserts them while the budget lasts, and otherwise answers the
 * overflow series. Once the budget is spent, unknown label sets go to the overflow series
 * straight from the fast path, so a flood of random label values costs no allocation.
 */
final class SeriesTable {
  /** The label set every record past the budget is folded into. */
  public static final Map<String, String> OVERFLOW_LABELS = Map.of("__overflow__", "true");

  private final MetricDefinition definition;
  private final RouteTemplates routes;
  private final RedactionPolicy redaction;
  private final RecordStats stats;
  private final int stripes;
  private final int routeIndex;
  private final int cap;
  private final int budget;
  private final AtomicReferenceArray<Series> slots;
  private final int mask;
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicReference<Series> overflow = new AtomicReference<>();
  /** The allowlist as an array, for the identity-first key lookup on the hot path. */
  private final String[] keys;

  public SeriesTable(MetricDefinition definition, RouteTemplates routes, RedactionPolicy redaction,
      RecordStats stats, int stripes) {
    this.definition = definition;
    this.routes = routes;
    this.redaction = redaction;
    this.stats = stats;
    this.stripes = stripes;
    this.routeIndex = definition.routeLabel() == null ? -1 : definition.labelIndex(definition.routeLabel());
    this.cap = definition.maxLabelValueLength();
    this.budget = definition.cardinalityBudget();
    int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, budget) * 2 - 1) << 1);
    this.slots = new AtomicReferenceArray<>(capacity);
    this.mask = capacity - 1;
    this.keys = definition.labelKeys().toArray(new String[0]);
  }

  /** The most stripes a contended series grows to on this machine (about four per core, a power of two, 4..64). */
  public static int defaultStripeCount() {
    return AdaptiveStripes.defaultStripeCount();
  }

  /** The metric this table serves. */
  public MetricDefinition definition() {
    return definition;
  }

  /** Series created so far, not counting the overflow series. */
  public int size() {
    return size.get();
  }

  /**
   * The series for up to four (key, value) pairs; {@code null} keys mean "no pair". Allocates only
   * when the label set is new or a route value is not yet a template.
   */
  public Series find(String k1, String v1, String k2, String v2, String k3, String v3, String k4, String v4) {
    int i1 = allowed(k1, v1);
    int i2 = allowed(k2, v2);
    int i3 = allowed(k3, v3);
    int i4 = allowed(k4, v4);
    // Stored values are canonical, so a raw route equal to a stored one is already a template:
    // probe with the raw values first and only template the route on a miss. Values longer than
    // the cap hash differently from their stored prefix, so they too are found after the miss.
    Series found = probe(false, i1, v1, i2, v2, i3, v3, i4, v4);
    return found != null ? found : findAfterMiss(k1, v1, i1, k2, v2, i2, k3, v3, i3, k4, v4, i4);
  }

  /**
   * A miss with the raw values: template the route and cap the values, probe again, else create
   * or overflow. Kept out of {@link #find} so the hit path stays small enough for the JIT to inline.
   */
  private Series findAfterMiss(String k1, String v1, int i1, String k2, String v2, int i2, String k3, String v3,
      int i3, String k4, String v4, int i4) {
    Series found;
    boolean changed = longerThanCap(i1, v1) || longerThanCap(i2, v2) || longerThanCap(i3, v3) || longerThanCap(i4, v4);
    if (routeIndex >= 0) {
      if (i1 == routeIndex && !routes.isNormalised(v1)) {
        v1 = routes.normalise(v1);
        changed = true;
      } else if (i2 == routeIndex && !routes.isNormalised(v2)) {
        v2 = routes.normalise(v2);
        changed = true;
      } else if (i3 == routeIndex && !routes.isNormalised(v3)) {
        v3 = routes.normalise(v3);
        changed = true;
      } else if (i4 == routeIndex && !routes.isNormalised(v4)) {
        v4 = routes.normalise(v4);
        changed = true;
      }
    }
    if (changed && (found = probe(true, i1, v1, i2, v2, i3, v3, i4, v4)) != null) {
      return found;
    }
    if (size.get() >= budget) {
      return overflow();
    }
    return findCanonical(new String[] {k1, v1, k2, v2, k3, v3, k4, v4});
  }

  private boolean longerThanCap(int index, String value) {
    return index >= 0 && value.length() > cap;
  }

  /**
   * The series holding exactly these allowed pairs (index -1: no pair), or null. Without
   * {@code capValues} the values are hashed whole, which finds every series whose values are all
   * within the cap while reading only each value's cached hash.
   */
  private Series probe(boolean capValues, int i1, String v1, int i2, String v2, int i3, String v3, int i4,
      String v4) {
    int sum = 0;
    int n = 0;
    if (i1 >= 0) {
      sum += pairHash(capValues, i1, v1);
      n++;
    }
    if (i2 >= 0) {
      sum += pairHash(capValues, i2, v2);
      n++;
    }
    if (i3 >= 0) {
      sum += pairHash(capValues, i3, v3);
      n++;
    }
    if (i4 >= 0) {
      sum += pairHash(capValues, i4, v4);
      n++;
    }
    int hash = LabelHash.finish(sum, n);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      Series s = slots.get(slot);
      if (s == null) {
        return null;
      }
      if (s.hash == hash && s.labelCount == n
          && same(s, i1, v1) && same(s, i2, v2) && same(s, i3, v3) && same(s, i4, v4)) {
        return s;
      }
    }
  }

  /**
   * The series for any number of (key, value) pairs given as {@code k1, v1, k2, v2, …}. Allocates
   * the canonical label set on every call: for more than four labels, bind a handle instead.
   */
  public Series findAll(String[] keyValues) {
    if (keyValues == null || keyValues.length == 0) {
      return find(null, null, null, null, null, null, null, null);
    }
    for (int i = 0; i < keyValues.length; i += 2) {
      allowed(keyValues[i], i + 1 < keyValues.length ? keyValues[i + 1] : null);
    }
    return findCanonical(keyValues);
  }

  /** Visits every series, the overflow series last (flusher thread). */
  public void forEach(Consumer<Series> visitor) {
    for (int i = 0; i <= mask; i++) {
      Series s = slots.get(i);
      if (s != null) {
        visitor.accept(s);
      }
    }
    Series o = overflow.get();
    if (o != null) {
      visitor.accept(o);
    }
  }

  /** The slow path: canonical values, then lookup or insert under the budget. */
  private Series findCanonical(String[] keyValues) {
    String[] values = new String[definition.labelKeys().size()];
    int n = 0;
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      String key = keyValues[i];
      String value = keyValues[i + 1];
      int index = key == null || value == null ? -1 : indexOf(key);
      if (index < 0) {
        continue;
      }
      if (values[index] == null) {
        n++;
      }
      values[index] = canonicalValue(index, value);
    }
    int sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        sum += LabelHash.pair(i, values[i], cap);
      }
    }
    int hash = LabelHash.finish(sum, n);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      Series s = slots.get(slot);
      if (s == null) {
        if (size.incrementAndGet() > budget) {
          size.decrementAndGet();
          return overflow();
        }
        Series fresh = new Series(hash, values, n, labelMap(values), definition.kind(), stripes);
        if (slots.compareAndSet(slot, null, fresh)) {
          return fresh;
        }
        size.decrementAndGet();
        s = slots.get(slot);
      }
      if (s.hash == hash && s.labelCount == n && s.hasValues(values)) {
        return s;
      }
    }
  }

  private String canonicalValue(int index, String value) {
    String v = index == routeIndex ? routes.normalise(value) : value;
    String scrubbed = redaction.scrub(v);
    if (scrubbed != v && !scrubbed.equals(v)) {
      stats.scrubbedLabelValues.increment();
      v = scrubbed;
    }
    return v.length() > cap ? v.substring(0, cap) : v;
  }

  private Map<String, String> labelMap(String[] values) {
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        map.put(definition.labelKeys().get(i), values[i]);
      }
    }
    return Collections.unmodifiableSortedMap(map);
  }

  private Series overflow() {
    stats.overflowedRecords.increment();
    Series o = overflow.get();
    if (o == null) {
      Series fresh = new Series(0, new String[0], -1, Collections.unmodifiableSortedMap(new TreeMap<>(OVERFLOW_LABELS)),
          definition.kind(), stripes);
      o = overflow.compareAndSet(null, fresh) ? fresh : overflow.get();
    }
    return o;
  }

  /** The key's index in the allowlist, or -1 (counting a dropped label when a key was given). */
  private int allowed(String key, String value) {
    if (key == null) {
      return -1;
    }
    int index = value == null ? -1 : indexOf(key);
    if (index < 0) {
      stats.droppedLabels.increment();
    }
    return index;
  }

  /**
   * The key's position in the allowlist. Keys are nearly always string literals, interned like the
   * contract's own, so a reference comparison finds them without comparing characters.
   */
  private int indexOf(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private int pairHash(boolean capValues, int index, String value) {
    return capValues ? LabelHash.pair(index, value, cap) : LabelHash.pair(index, value);
  }

  private boolean same(Series s, int index, String value) {
    if (index < 0) {
      return true;
    }
    String stored = s.value(index);
    if (value == stored) {
      // Stored values are canonical, so the caller passed the canonical value itself (a literal,
      // a constant): equal without reading either string's characters.
      return true;
    }
    if (value.length() <= cap) {
      return value.equals(stored);
    }
    return stored.length() == cap && value.regionMatches(0, stored, 0, cap);
  }
}
