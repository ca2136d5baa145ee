package dev.telemetry.store;

import java.util.Map;

/**
 * Identity of a metric series: metric name, node and label set.
 *
 * @param metric metric name
 * @param node recording node
 * @param labels sorted, immutable label set
 */
record SeriesKey(String metric, String node, Map<String, String> labels) {
  SeriesKey {
    labels = Labels.sorted(labels);
  }
}
