package dev.telemetry;

import java.time.Instant;

/** Not API. A span summary as the host gave it, before its route is templated and its name scrubbed. */
record RawSpan(Instant start, String traceId, String spanId, String spanName, String domain, String route,
    int status, boolean error, double durationMs) {}
