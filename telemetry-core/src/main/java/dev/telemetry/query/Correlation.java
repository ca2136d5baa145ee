package dev.telemetry.query;

import dev.telemetry.store.LogEvent;
import dev.telemetry.store.TraceRecord;
import java.util.List;

/**
 * Everything stored under one trace id, oldest first.
 *
 * @param traceId the trace
 * @param spans its spans from the trace index (at most 100)
 * @param logs its WARN and ERROR log events (at most 100)
 * @param truncated whether either list was cut at 100
 */
public record Correlation(String traceId, List<TraceRecord> spans, List<LogEvent> logs, boolean truncated) {
  public Correlation {
    spans = List.copyOf(spans);
    logs = List.copyOf(logs);
  }
}
