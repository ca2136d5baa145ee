package dev.telemetry;

import dev.telemetry.store.Heartbeat;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts what a host hands in down to what the {@link Sanitizer} can use, on the host's thread and
 * before anything is buffered, so a record waiting for the flusher costs a bounded number of bytes
 * whatever the host passed (a 1 MB log message is held as its first few KB).
 *
 * <p>Each text is cut to twice its stored length: the sanitizer scrubs that much and then caps the
 * result, so what is stored is the same as before. A record already within bounds is returned as is
 * (no allocation); a longer text costs one copy of the kept prefix. Attribute maps are always copied
 * (the host may change its map afterwards), at most {@value #MAX_ENTRIES} entries, skipping the
 * entries the sanitizer would skip anyway.
 */
final class RawBounds {
  static final int MAX_ENTRIES = Sanitizer.MAX_ATTRS * 4;
  private static final int NAME = Sanitizer.MAX_NAME * 2;
  private static final int ATTR_VALUE = Sanitizer.MAX_ATTR_VALUE * 2;
  private static final int SPAN_NAME = Sanitizer.MAX_SPAN_NAME * 2;
  private static final int ROUTE = Sanitizer.MAX_ROUTE * 2;
  private static final int DETAIL = Sanitizer.MAX_DETAIL * 2;
  /** Longer than any W3C id, so the sanitizer still sees (and rejects) an over-long one. */
  private static final int ID = 33;

  private final int message;

  RawBounds(int maxMessageLength) {
    this.message = maxMessageLength * 2;
  }

  RawLog log(RawLog r) {
    String msg = cut(r.message(), message);
    String domain = cut(r.domain(), NAME);
    String event = cut(r.event(), NAME);
    String traceId = cut(r.traceId(), ID);
    String spanId = cut(r.spanId(), ID);
    Map<String, String> attrs = attributes(r.attrs());
    if (msg == r.message() && domain == r.domain() && event == r.event() && traceId == r.traceId()
        && spanId == r.spanId() && attrs == r.attrs()) {
      return r; // nothing to cut and no attributes to copy
    }
    return new RawLog(r.ts(), r.level(), domain, event, msg, traceId, spanId, attrs);
  }

  RawSpan span(RawSpan r) {
    String traceId = cut(r.traceId(), ID);
    String spanId = cut(r.spanId(), ID);
    String name = cut(r.spanName(), SPAN_NAME);
    String domain = cut(r.domain(), NAME);
    String route = cut(r.route(), ROUTE);
    if (traceId == r.traceId() && spanId == r.spanId() && name == r.spanName() && domain == r.domain()
        && route == r.route()) {
      return r;
    }
    return new RawSpan(r.start(), traceId, spanId, name, domain, route, r.status(), r.error(), r.durationMs());
  }

  /** The subject is kept whole: cutting it would merge distinct subjects; the byte budget bounds it. */
  RawEvent event(RawEvent r) {
    String type = cut(r.type(), NAME);
    Map<String, String> dimensions = attributes(r.dimensions());
    if (type == r.type() && dimensions == r.dimensions()) {
      return r;
    }
    return new RawEvent(r.ts(), type, r.subjectId(), dimensions, r.outcome(), r.value());
  }

  Heartbeat heartbeat(Heartbeat h) {
    String name = cut(h.name(), NAME);
    String detail = cut(h.detail(), DETAIL);
    if (name == h.name() && detail == h.detail()) {
      return h;
    }
    return new Heartbeat(name, h.kind(), h.node(), h.lastSeen(), h.expectedInterval(), h.lastDuration(), h.ok(),
        detail);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Map<String, String> attributes(Map<String, String> raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> kept = new HashMap<>(Math.min(raw.size(), MAX_ENTRIES) * 2);
    try {
      for (Map.Entry<String, String> e : raw.entrySet()) {
        if (kept.size() == MAX_ENTRIES) {
          break;
        }
        String key = e.getKey();
        String value = e.getValue();
        if (key != null && value != null && key.length() <= Sanitizer.MAX_NAME) {
          kept.put(key, cut(value, ATTR_VALUE));
        }
      }
    } catch (RuntimeException changedWhileRead) {
      // A host map changed by another thread while it is copied: keep what was read, never throw.
    }
    return kept;
  }
}
