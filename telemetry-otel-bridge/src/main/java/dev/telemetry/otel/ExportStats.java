package dev.telemetry.otel;

/**
 * Cumulative export counts of the host's exporters, as seen by {@link ExportPipelineMonitor}.
 *
 * @param exports export calls that completed
 * @param failedExports those that completed with a failure (or threw)
 * @param items items (spans, log records, data points) in completed exports
 * @param failedItems items in failed exports: dropped, the SDK does not retry them
 */
public record ExportStats(long exports, long failedExports, long items, long failedItems) {
  /** Failed share of the items, 0 when nothing was exported. */
  public double failureRate() {
    return items == 0 ? 0 : (double) failedItems / items;
  }
}
