package dev.telemetry.internal.pipeline;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.util.Map;

/**
 * A cheap estimate of a batch's heap footprint, for the memory budget. It errs high: object
 * headers and references are counted generously, strings at two bytes a char.
 */
final class BatchSize {
  private BatchSize() {}

  static long estimate(WriteBatch batch) {
    long bytes = 64;
    for (MetricSample s : batch.samples()) {
      bytes += 160 + map(s.labels()) + (s.sketch() == null ? 0 : 64 + 16L * Math.min(s.sketch().count(), 2048));
    }
    for (LogEvent l : batch.logs()) {
      bytes += 160 + str(l.message()) + str(l.event()) + str(l.domain()) + str(l.traceId()) + map(l.attrs());
    }
    for (TraceRecord t : batch.traces()) {
      bytes += 160 + str(t.traceId()) + str(t.spanName()) + str(t.route()) + str(t.domain());
    }
    for (BusinessEvent e : batch.events()) {
      bytes += 160 + str(e.type()) + str(e.subject()) + map(e.dimensions());
    }
    bytes += 200L * batch.heartbeats().size();
    return bytes;
  }

  private static long str(String s) {
    return s == null ? 0 : 40 + 2L * s.length();
  }

  private static long map(Map<String, String> m) {
    long bytes = 48;
    for (Map.Entry<String, String> e : m.entrySet()) {
      bytes += 32 + str(e.getKey()) + str(e.getValue());
    }
    return bytes;
  }
}
