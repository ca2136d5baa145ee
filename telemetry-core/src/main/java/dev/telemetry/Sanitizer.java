package dev.telemetry;

import dev.telemetry.contract.RouteTemplates;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.TraceRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API. Turns what hosts hand in into what may be stored: scrubbed text, allowlisted and redacted
 * attributes, templated routes, pseudonymized subjects, bounded lengths. Runs on the flusher
 * thread, so host threads never pay for the regexes.
 */
final class Sanitizer {
  static final int MAX_NAME = 64;
  static final int MAX_ATTRS = 16;
  static final int MAX_ATTR_VALUE = 256;
  static final int MAX_SPAN_NAME = 128;
  static final int MAX_ROUTE = 256;
  static final int MAX_DETAIL = 256;

  private final String service;
  private final String node;
  private final RedactionPolicy redaction;
  private final RouteTemplates routes;
  private final Set<String> logAttributeKeys;
  private final Set<String> eventDimensionKeys;
  private final int maxMessageLength;
  private final boolean canPseudonymize;
  final AtomicLong droppedEvents = new AtomicLong();
  private final QuietLog quiet = new QuietLog();

  public Sanitizer(String service, String node, RedactionPolicy redaction, RouteTemplates routes,
      Set<String> logAttributeKeys, Set<String> eventDimensionKeys, int maxMessageLength, boolean canPseudonymize) {
    this.service = service;
    this.node = node;
    this.redaction = redaction;
    this.routes = routes;
    this.logAttributeKeys = Set.copyOf(logAttributeKeys);
    this.eventDimensionKeys = Set.copyOf(eventDimensionKeys);
    this.maxMessageLength = maxMessageLength;
    this.canPseudonymize = canPseudonymize;
  }

  int maxMessageLength() {
    return maxMessageLength;
  }

  LogEvent log(RawLog raw) {
    return new LogEvent(raw.ts(), raw.level(), service, node, name(raw.domain()), name(raw.event()),
        text(raw.message(), maxMessageLength), hexId(raw.traceId()), hexId(raw.spanId()),
        attributes(raw.attrs(), logAttributeKeys));
  }

  TraceRecord span(RawSpan raw) {
    String route = raw.route() == null || raw.route().isEmpty() ? "" : routes.normalise(raw.route());
    String traceId = hexId(raw.traceId());
    if (traceId == null) {
      return null;
    }
    return new TraceRecord(raw.start(), traceId, hexId(raw.spanId()), text(raw.spanName(), MAX_SPAN_NAME), service, node,
        name(raw.domain()), text(route, MAX_ROUTE), raw.status(), raw.error(), raw.durationMs());
  }

  BusinessEvent event(RawEvent raw) {
    String subject = null;
    if (raw.subjectId() != null) {
      if (!canPseudonymize) {
        droppedEvents.incrementAndGet();
        quiet.warn("telemetry: business event '" + name(raw.type()) + "' has a subject but no pseudonym salt is"
            + " configured (Telemetry.builder().redaction(RedactionPolicy.builder().pseudonymSalt(…))); dropped", null);
        return null;
      }
      subject = redaction.pseudonymize(raw.subjectId());
    }
    return new BusinessEvent(raw.ts(), name(raw.type()), subject, attributes(raw.dimensions(), eventDimensionKeys),
        raw.outcome(), raw.value(), service, node);
  }

  Heartbeat heartbeat(Heartbeat h) {
    return new Heartbeat(name(h.name()), h.kind(), node, h.lastSeen(), h.expectedInterval(), h.lastDuration(),
        h.ok(), text(h.detail(), MAX_DETAIL));
  }

  /** Scrubbed then capped; the raw text is capped first so a huge message costs bounded work. */
  private String text(String raw, int max) {
    if (raw == null) {
      return "";
    }
    String bounded = raw.length() > max * 2 ? raw.substring(0, max * 2) : raw;
    String scrubbed = redaction.scrub(bounded);
    return scrubbed.length() > max ? scrubbed.substring(0, max - 1) + "…" : scrubbed;
  }

  private String name(String raw) {
    return text(raw, MAX_NAME);
  }

  private Map<String, String> attributes(Map<String, String> raw, Set<String> allowed) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (kept.size() == MAX_ATTRS) {
        break;
      }
      String key = e.getKey();
      if (key == null || e.getValue() == null || key.length() > MAX_NAME) {
        continue;
      }
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        continue;
      }
      kept.put(key, e.getValue().length() > MAX_ATTR_VALUE * 2 ? e.getValue().substring(0, MAX_ATTR_VALUE * 2) : e.getValue());
    }
    Map<String, String> filtered = redaction.filterAttributes(kept);
    Map<String, String> capped = new LinkedHashMap<>();
    filtered.forEach((k, v) -> capped.put(k, v.length() > MAX_ATTR_VALUE ? v.substring(0, MAX_ATTR_VALUE) : v));
    return capped;
  }

  /** Trace and span ids are hex (W3C); anything else is not an id and is not kept. */
  private static String hexId(String id) {
    if (id == null || id.isEmpty() || id.length() > 32) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return null;
      }
    }
    return id.toLowerCase(Locale.ROOT);
  }
}
