package dev.telemetry.otel;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the contract metric a source metric maps to and turns source attributes into label
 * pairs. Resolutions are cached per (name, unit, kind), at most {@link #MAX_CACHED} of them, so a
 * host creating metric names without end costs lookups, not memory.
 */
final class ContractTargets {
  static final int MAX_CACHED = 4096;

  private final Telemetry telemetry;
  private final NameMapping mapping;
  private final Map<String, Optional<MetricDefinition>> cache = new ConcurrentHashMap<>();

  ContractTargets(Telemetry telemetry, NameMapping mapping) {
    this.telemetry = telemetry;
    this.mapping = mapping;
  }

  Telemetry telemetry() {
    return telemetry;
  }

  NameMapping mapping() {
    return mapping;
  }

  /** The declared metric of {@code kind} the source maps to, if any. */
  Optional<MetricDefinition> resolve(String sourceName, String unit, MetricKind kind) {
    String key = kind + "|" + unit + "|" + sourceName;
    Optional<MetricDefinition> found = cache.get(key);
    if (found == null) {
      found = lookUp(sourceName, unit, kind);
      if (cache.size() < MAX_CACHED) {
        cache.put(key, found);
      }
    }
    return found;
  }

  private Optional<MetricDefinition> lookUp(String sourceName, String unit, MetricKind kind) {
    for (String candidate : mapping.candidates(sourceName, unit, kind == MetricKind.COUNTER)) {
      Optional<MetricDefinition> def = telemetry.contract().find(candidate);
      if (def.isPresent()) {
        return def.get().kind() == kind ? def : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Label pairs {@code k1, v1, …} for the attributes whose mapped key the metric declares. Other
   * attributes are not label candidates (a span or data point carries many that no contract
   * declares, and counting each as a dropped label would drown that self-metric); the values still
   * go through the contract's templating, scrubbing and budget in core.
   */
  String[] labels(MetricDefinition def, Attributes attributes) {
    List<String> pairs = new ArrayList<>(8);
    attributes.forEach((key, value) -> {
      String label = mapping.labelKey(key.getKey());
      if (value != null && def.labelIndex(label) >= 0) {
        pairs.add(label);
        pairs.add(String.valueOf(value));
      }
    });
    return pairs.toArray(new String[0]);
  }

  /** As {@link #labels(MetricDefinition, Attributes)}, for Micrometer tags. */
  String[] labels(MetricDefinition def, Iterable<io.micrometer.core.instrument.Tag> tags) {
    List<String> pairs = new ArrayList<>(8);
    for (io.micrometer.core.instrument.Tag tag : tags) {
      String label = mapping.labelKey(tag.getKey());
      if (def.labelIndex(label) >= 0) {
        pairs.add(label);
        pairs.add(tag.getValue());
      }
    }
    return pairs.toArray(new String[0]);
  }
}
