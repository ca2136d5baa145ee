package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.LogLevel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenTelemetry {@link LogRecordExporter} that keeps WARN and ERROR records as native log
 * events through {@link Telemetry#log} (message scrubbed and capped, attributes allowlisted and
 * scrubbed), with their trace and span ids.
 *
 * <p>Severity: numbers 13–16 (WARN…WARN4) are WARN, 17–24 (ERROR…FATAL4) are ERROR; lower
 * severities are handed on as INFO/DEBUG/TRACE, which core ignores and counts
 * ({@code SelfMetrics.ignoredLogs}). A record without a severity number is judged by its text
 * ({@code WARN}, {@code WARNING}, {@code ERROR}, {@code SEVERE}, {@code FATAL}). Domain: the
 * instrumentation scope (logger) name; event: the {@code event.name} attribute; other attribute
 * keys are mapped by {@link NameMapping#labelKey}. The event keeps the record's own timestamp
 * (else its observed timestamp, else the time it reaches the exporter), so a batch processor's
 * delay never moves an event into a later minute.
 *
 * <p>Never throws into the SDK; after {@link #shutdown()} exports fail with a failure result.
 * Does not close the {@link Telemetry} instance. Thread-safe.
 */
public final class TelemetryLogRecordExporter extends NativeExporter implements LogRecordExporter {
  private static final String EVENT_NAME = "event.name";

  private final Telemetry telemetry;
  private final NameMapping mapping;

  private TelemetryLogRecordExporter(Telemetry telemetry, NameMapping mapping) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.mapping = requireNonNull(mapping, "mapping");
  }

  /** An exporter into {@code telemetry} with the default attribute mapping. */
  public static TelemetryLogRecordExporter create(Telemetry telemetry) {
    return new TelemetryLogRecordExporter(telemetry, NameMapping.defaults());
  }

  /** An exporter into {@code telemetry} mapping attribute keys with {@code mapping}. */
  public static TelemetryLogRecordExporter create(Telemetry telemetry, NameMapping mapping) {
    return new TelemetryLogRecordExporter(telemetry, mapping);
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return exportEach(logs, this::exportOne);
  }

  private void exportOne(LogRecordData log) {
    RedactionPolicy redaction = telemetry.redaction();
    Map<String, String> attrs = new HashMap<>();
    log.getAttributes().forEach((key, value) -> {
      // A key that holds a secret is dropped before mapping: mapping lowercases it and turns
      // its punctuation into '_', which would hide the secret's shape from the scrubber.
      if (value != null && !key.getKey().equals(EVENT_NAME)
          && redaction.scrub(key.getKey()).equals(key.getKey())) {
        attrs.put(mapping.labelKey(key.getKey()), String.valueOf(value));
      }
    });
    SpanContext context = log.getSpanContext();
    boolean traced = context != null && context.isValid();
    Value<?> body = log.getBodyValue();
    telemetry.log(timestamp(log), level(log.getSeverity(), log.getSeverityText()),
        log.getInstrumentationScopeInfo().getName(),
        log.getAttributes().get(AttributeKey.stringKey(EVENT_NAME)), body == null ? "" : body.asString(),
        traced ? context.getTraceId() : null, traced ? context.getSpanId() : null, attrs);
  }

  /** When the record happened: its timestamp, else when it was observed, else {@code null} (now). */
  static Instant timestamp(LogRecordData log) {
    long nanos = log.getTimestampEpochNanos() != 0 ? log.getTimestampEpochNanos() : log.getObservedTimestampEpochNanos();
    return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
  }

  /** The native level of an OpenTelemetry severity (number first, then text). */
  static LogLevel level(Severity severity, String text) {
    int number = severity == null ? 0 : severity.getSeverityNumber();
    if (number == 0 && text != null) {
      return switch (text.toUpperCase(Locale.ROOT)) {
        case "WARN", "WARNING" -> LogLevel.WARN;
        case "ERROR", "SEVERE", "FATAL", "CRITICAL" -> LogLevel.ERROR;
        default -> LogLevel.INFO;
      };
    }
    if (number >= 17) {
      return LogLevel.ERROR;
    }
    if (number >= 13) {
      return LogLevel.WARN;
    }
    if (number >= 9) {
      return LogLevel.INFO;
    }
    return number >= 5 ? LogLevel.DEBUG : LogLevel.TRACE;
  }

  /** Records handed to core so far (including those below WARN, which core counts and ignores). */
  public long exportedRecords() {
    return exportedItems();
  }

  /** Records that could not be converted (skipped, never thrown into the SDK). */
  public long failedRecords() {
    return failedItems();
  }
}
