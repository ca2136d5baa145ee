package dev.telemetry;

import dev.telemetry.store.Outcome;
import java.time.Instant;
import java.util.Map;

/** Not API. A business event as the host gave it, before its subject is pseudonymized. */
record RawEvent(Instant ts, String type, String subjectId, Map<String, String> dimensions, Outcome outcome,
    double value) {}
