package dev.telemetry;

import dev.telemetry.store.Heartbeat;
import java.util.Map;

/**
 * What a bounded raw record may occupy on the heap while it waits for the flusher: an upper bound
 * (two bytes a char, every object counted as its own), computed from lengths only so it is cheap on
 * the host's thread. Used to hold the discrete buffers to a byte budget.
 */
final class RecordBytes {
  /** Record header and fields, plus its {@code Instant}. */
  private static final long RECORD = 96;

  private RecordBytes() {}

  static long log(RawLog r) {
    return RECORD + text(r.message()) + text(r.domain()) + text(r.event()) + text(r.traceId()) + text(r.spanId())
        + map(r.attrs());
  }

  static long span(RawSpan r) {
    return RECORD + text(r.traceId()) + text(r.spanId()) + text(r.spanName()) + text(r.domain()) + text(r.route());
  }

  static long event(RawEvent r) {
    return RECORD + text(r.type()) + text(r.subjectId()) + map(r.dimensions());
  }

  static long heartbeat(Heartbeat h) {
    return RECORD + 64 + text(h.name()) + text(h.detail());
  }

  /** A {@code String} (24 bytes) and its array (16 bytes header), at most two bytes a char. */
  private static long text(String s) {
    return s == null ? 0 : 40 + 2L * s.length();
  }

  private static long map(Map<String, String> m) {
    long bytes = 64;
    for (Map.Entry<String, String> e : m.entrySet()) {
      bytes += 48 + text(e.getKey()) + text(e.getValue());
    }
    return bytes;
  }
}
