package dev.telemetry;

import dev.telemetry.store.LogLevel;
import java.time.Instant;
import java.util.Map;

/** Not API. A log event as the host gave it, before scrubbing (scrubbing runs on the flusher thread). */
record RawLog(Instant ts, LogLevel level, String domain, String event, String message, String traceId,
    String spanId, Map<String, String> attrs) {}
