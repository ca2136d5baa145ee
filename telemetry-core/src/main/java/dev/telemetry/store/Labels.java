package dev.telemetry.store;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Canonical label maps: sorted by key and immutable, so equal label sets compare equal. */
final class Labels {
  private Labels() {}

  static Map<String, String> sorted(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Map.of();
    }
    if (labels instanceof SortedMap<?, ?> && isUnmodifiable(labels)) {
      return labels;
    }
    return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  private static final Class<?> UNMODIFIABLE_SORTED =
      Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

  private static boolean isUnmodifiable(Map<String, String> labels) {
    return labels.getClass() == UNMODIFIABLE_SORTED;
  }
}
