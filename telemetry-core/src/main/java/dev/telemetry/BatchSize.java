package dev.telemetry;

import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.util.Map;

/**
 * The heap a waiting batch keeps alive, for the memory budget: what dropping the batch would free,
 * measured against heap after GC ({@code PendingBytesTest}), not an upper bound. It counts what
 * the batch owns (its rows, their timestamps, texts, attribute maps and sketches) at the layout of
 * a 64-bit JVM with compressed references, and leaves out what it shares with live state: a
 * sample's name, node and label map belong to its series, the service and node strings to the
 * instance. Names (log domain and event, span name and domain, event type, attribute and dimension
 * keys, heartbeat name) are identifiers of low cardinality, passed through unchanged from the host's
 * constants, so they are not counted either; a host that builds names per call keeps their text
 * alive uncounted. Texts (messages, ids, routes, attribute values, subjects, details) are counted one byte a char when every char fits Latin-1 (compact strings), two
 * otherwise. A sketch counts itself ({@link LatencySketch#heapBytes()}: its pages of packed counts).
 *
 * <p>An estimate that erred high (it did, ~3.5×) shrank the outage the budget covers by as much.
 */
final class BatchSize {
  /** Object header with compressed class pointers. */
  private static final int HEADER = 12;
  private static final int REF = 4;
  private static final int INSTANT = 24;
  /** The batch record, its id and the five immutable row lists (headers and arrays). */
  private static final int BATCH = 24 + 96 + 5 * 32;

  private BatchSize() {}

  static long estimate(WriteBatch batch) {
    long bytes = BATCH + (long) REF * batch.size();
    for (MetricSample s : batch.samples()) {
      bytes += object(7 * REF + 5 * 8) + sketch(s.sketch());
    }
    for (LogEvent l : batch.logs()) {
      bytes += object(10 * REF) + INSTANT + text(l.message()) + text(l.traceId()) + text(l.spanId())
          + map(l.attrs());
    }
    for (TraceRecord t : batch.traces()) {
      bytes += object(8 * REF + 4 + 1 + 8) + INSTANT + text(t.traceId()) + text(t.spanId()) + text(t.route());
    }
    for (BusinessEvent e : batch.events()) {
      bytes += object(7 * REF + 8) + INSTANT + text(e.subject()) + map(e.dimensions());
    }
    for (Heartbeat h : batch.heartbeats()) {
      bytes += object(7 * REF + 1) + INSTANT + text(h.detail());
    }
    return bytes;
  }

  /** An object of {@code fieldBytes} after its header, padded to 8. */
  private static long object(int fieldBytes) {
    return align(HEADER + fieldBytes);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** A {@code String} and its byte array (compact strings: Latin-1 one byte a char). */
  static long text(String s) {
    if (s == null || s.isEmpty()) {
      return 0; // null, or the shared empty string
    }
    int perChar = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        perChar = 2;
        break;
      }
    }
    return 24 + align(16 + (long) perChar * s.length());
  }

  /** An immutable or linked map: the map object, its table and one node per entry, plus the values. */
  private static long map(Map<String, String> m) {
    if (m.isEmpty()) {
      return 0; // Map.of(), shared
    }
    long bytes = 48 + align(16 + 8L * m.size()) + 32L * m.size();
    for (String value : m.values()) {
      bytes += text(value);
    }
    return bytes;
  }

  /** The sketch object with its bucket pages, as the sketch counts them. */
  private static long sketch(LatencySketch sketch) {
    return sketch == null ? 0 : sketch.heapBytes();
  }
}
