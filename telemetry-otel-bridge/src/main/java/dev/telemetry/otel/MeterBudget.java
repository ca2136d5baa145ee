package dev.telemetry.otel;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Keeps a {@link TelemetryMeterRegistry} as bounded as the native record path: Micrometer keeps
 * every meter it creates for the life of the registry, so without a bound a raw {@code uri} tag or
 * a host creating meter names in a loop grows the heap without end.
 *
 * <ul>
 *   <li><b>Per name:</b> once a name has {@code maxPerName} meters, a new tag set of that name
 *       folds into an overflow meter, like the native overflow series: the tag set without its
 *       route tags (a raw {@code uri} is the usual culprit) plus {@link #OVERFLOW_TAG}, so an
 *       overflowed request still counts by method, status and exception. Once a name also has
 *       {@code maxPerName} of those, the rest fold into one meter whose only tag is
 *       {@link #OVERFLOW_TAG}. Values still count in the name's totals either way.
 *   <li><b>Not stored natively:</b> once {@code maxUnmapped} meters exist that map to no contract
 *       metric, further such meters are denied (Micrometer hands out a no-op meter).
 * </ul>
 *
 * <p>Micrometer consults a filter's {@link #map} only for an id it has not registered before, and
 * {@link #accept} only for a new mapped id, under its registration lock; the counts come from the
 * registry's own meter-added and meter-removed events, so they describe the meters that exist.
 */
final class MeterBudget implements MeterFilter {
  /** The tag an overflow meter carries instead of its name's tags. */
  static final String OVERFLOW_TAG = "telemetry.overflow";

  private static final Tag OVERFLOW = Tag.of(OVERFLOW_TAG, "true");

  private final int maxPerName;
  private final int maxUnmapped;
  private final Predicate<Meter.Id> storedNatively;
  private final Predicate<String> routeTag;
  private final Map<String, AtomicInteger> metersPerName = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> overflowMetersPerName = new ConcurrentHashMap<>();
  private final AtomicInteger unmappedMeters = new AtomicInteger();
  private final LongAdder overflowed = new LongAdder();
  private final LongAdder denied = new LongAdder();

  /**
   * @param storedNatively whether a meter with this id records into the native store (a function of the id)
   * @param routeTag whether a tag key holds the route ({@code uri}, {@code http.route})
   */
  MeterBudget(int maxPerName, int maxUnmapped, Predicate<Meter.Id> storedNatively, Predicate<String> routeTag) {
    this.maxPerName = maxPerName;
    this.maxUnmapped = maxUnmapped;
    this.storedNatively = storedNatively;
    this.routeTag = routeTag;
  }

  /** Installs the filter and the listeners that keep its counts. Call before any meter exists. */
  void install(MeterRegistry registry) {
    registry.config().meterFilter(this).onMeterAdded(this::added).onMeterRemoved(this::removed);
  }

  static boolean isOverflow(Meter.Id id) {
    return id.getTag(OVERFLOW_TAG) != null;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (isOverflow(id)) {
      return id;
    }
    if (count(metersPerName, id) < maxPerName) {
      return id;
    }
    overflowed.increment();
    if (count(overflowMetersPerName, id) < maxPerName) {
      List<Tag> kept = new ArrayList<>();
      for (Tag tag : id.getTagsAsIterable()) {
        if (!routeTag.test(tag.getKey())) {
          kept.add(tag);
        }
      }
      kept.add(OVERFLOW);
      return id.replaceTags(kept);
    }
    return id.replaceTags(List.of(OVERFLOW));
  }

  private static int count(Map<String, AtomicInteger> perName, Meter.Id id) {
    AtomicInteger count = perName.get(id.getName());
    return count == null ? 0 : count.get();
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    if (unmappedMeters.get() >= maxUnmapped && !storedNatively.test(id)) {
      denied.increment();
      return MeterFilterReply.DENY;
    }
    return MeterFilterReply.NEUTRAL;
  }

  private void added(Meter meter) {
    Meter.Id id = meter.getId();
    (isOverflow(id) ? overflowMetersPerName : metersPerName)
        .computeIfAbsent(id.getName(), name -> new AtomicInteger()).incrementAndGet();
    if (!storedNatively.test(id)) {
      unmappedMeters.incrementAndGet();
    }
  }

  private void removed(Meter meter) {
    Meter.Id id = meter.getId();
    (isOverflow(id) ? overflowMetersPerName : metersPerName)
        .computeIfPresent(id.getName(), (name, count) -> count.decrementAndGet() <= 0 ? null : count);
    if (!storedNatively.test(id)) {
      unmappedMeters.decrementAndGet();
    }
  }

  /** Registrations folded into an overflow meter because their name was at its cap. */
  long overflowed() {
    return overflowed.sum();
  }

  /** Meters refused because the budget of meters not stored natively was spent. */
  long denied() {
    return denied.sum();
  }

  /** Meters that exist and map to no contract metric. */
  int unmapped() {
    return unmappedMeters.get();
  }
}
