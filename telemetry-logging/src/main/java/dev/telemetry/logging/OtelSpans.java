package dev.telemetry.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The current OpenTelemetry span's ids. Loaded only after {@link #isAvailable()} found the API on
 * the class path, so nothing else here links against OpenTelemetry.
 */
final class OtelSpans {
  private static final boolean AVAILABLE = probe();

  private OtelSpans() {}

  private static boolean probe() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, OtelSpans.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  static boolean isAvailable() {
    return AVAILABLE;
  }

  /** The current span's trace id, or null without a valid current span. */
  static String traceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /** The current span's span id, or null without a valid current span. */
  static String spanId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getSpanId() : null;
  }
}
