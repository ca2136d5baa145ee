package dev.telemetry.logging;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.store.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Turns one WARN or ERROR event of a logging framework into a curated log event ({@link
 * Telemetry#log}): the logger's name is the domain, the throwable's class (simple name) the event,
 * so ERROR logs rank by exception class in {@code /top-errors}; the message (with the throwable's
 * message appended) is scrubbed and capped by core off the logging thread, like every other text.
 * Trace and span ids come from the event's MDC under the configured keys (defaults {@code
 * trace_id}, {@code traceId} and {@code span_id}, {@code spanId}), else from the current
 * OpenTelemetry span when the OpenTelemetry API is on the class path. Core keeps only hexadecimal
 * ids (W3C trace context, B3), so other formats are dropped from the stored event.
 *
 * <pre>{@code
 * LogForwarder forwarder = LogForwarder.builder(telemetry).traceIdKeys("X-B3-TraceId").build();
 * forwarder.forward(LogLevel.ERROR, "shop.checkout", "payment failed", error, mdc::get);
 * }</pre>
 *
 * <p>Never blocks and never throws: core queues the event in a bounded buffer (dropping and
 * counting when full). It never recurses either: events of the library's own loggers ({@value
 * #LIBRARY_LOGGERS} and below) and events logged while this thread is already forwarding one
 * (core logging about the event it is handed) are skipped and counted in {@link #skipped()}.
 * Thread-safe.
 */
public final class LogForwarder {
  /** The logger name under which the library logs; its events are never forwarded. */
  public static final String LIBRARY_LOGGERS = "dev.telemetry";
  private static final List<String> DEFAULT_TRACE_KEYS = List.of("trace_id", "traceId");
  private static final List<String> DEFAULT_SPAN_KEYS = List.of("span_id", "spanId");
  /** Set while this thread is inside {@link #forward}: whatever the library logs meanwhile is not forwarded. */
  private static final ThreadLocal<boolean[]> FORWARDING = ThreadLocal.withInitial(() -> new boolean[1]);

  private final Telemetry telemetry;
  private final String[] traceIdKeys;
  private final String[] spanIdKeys;
  private final boolean readCurrentSpan;
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder failed = new LongAdder();

  private LogForwarder(Builder builder) {
    this.telemetry = builder.telemetry;
    this.traceIdKeys = builder.traceIdKeys.toArray(String[]::new);
    this.spanIdKeys = builder.spanIdKeys.toArray(String[]::new);
    this.readCurrentSpan = builder.readCurrentSpan && OtelSpans.isAvailable();
  }

  /** A forwarder with the default MDC keys, reading the current OpenTelemetry span when it can. */
  public static LogForwarder create(Telemetry telemetry) {
    return builder(telemetry).build();
  }

  public static Builder builder(Telemetry telemetry) {
    return new Builder(telemetry);
  }

  /**
   * Forwards one event if it is WARN or ERROR; returns whether it was handed to core.
   *
   * @param level the event's level mapped to the library's (anything below WARN is ignored)
   * @param loggerName the logger's name: the domain
   * @param message the formatted message, may be null
   * @param thrown the event's throwable, may be null
   * @param mdc the event's MDC lookup (key → value or null), may be null
   */
  public boolean forward(LogLevel level, String loggerName, String message, Throwable thrown,
      UnaryOperator<String> mdc) {
    if (level == null || !level.isPersisted()) {
      return false;
    }
    boolean[] inside = FORWARDING.get();
    if (inside[0] || isLibraryLogger(loggerName)) {
      skipped.increment();
      return false;
    }
    inside[0] = true;
    try {
      String traceId = first(mdc, traceIdKeys);
      String spanId = first(mdc, spanIdKeys);
      if (traceId == null && readCurrentSpan) {
        traceId = OtelSpans.traceId();
        spanId = spanId != null ? spanId : OtelSpans.spanId();
      }
      telemetry.log(level, loggerName, thrown == null ? null : errorCategory(thrown), text(message, thrown),
          traceId, spanId, thrown == null ? Map.of() : Map.of("exception.type", thrown.getClass().getName()));
      forwarded.increment();
      return true;
    } catch (RuntimeException | LinkageError e) {
      failed.increment();
      return false;
    } finally {
      inside[0] = false;
    }
  }

  static boolean isLibraryLogger(String loggerName) {
    return loggerName != null && loggerName.startsWith(LIBRARY_LOGGERS)
        && (loggerName.length() == LIBRARY_LOGGERS.length() || loggerName.charAt(LIBRARY_LOGGERS.length()) == '.');
  }

  private static String first(UnaryOperator<String> mdc, String[] keys) {
    if (mdc == null) {
      return null;
    }
    for (String key : keys) {
      String value = mdc.apply(key);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** The throwable's class as an error category: its simple name, or its full name for anonymous classes. */
  static String errorCategory(Throwable thrown) {
    String simple = thrown.getClass().getSimpleName();
    return simple.isEmpty() ? thrown.getClass().getName() : simple;
  }

  private static String text(String message, Throwable thrown) {
    String base = message == null ? "" : message;
    if (thrown == null || thrown.getMessage() == null) {
      return base;
    }
    return base.isEmpty() ? thrown.getMessage() : base + ": " + thrown.getMessage();
  }

  /** Events handed to core. */
  public long forwarded() {
    return forwarded.sum();
  }

  /** Events skipped because the library logged them or they were logged while forwarding. */
  public long skipped() {
    return skipped.sum();
  }

  /** Events that failed to convert (contained, never thrown into the logging framework). */
  public long failed() {
    return failed.sum();
  }

  /** Configuration of a {@link LogForwarder}. */
  public static final class Builder {
    private final Telemetry telemetry;
    private List<String> traceIdKeys = DEFAULT_TRACE_KEYS;
    private List<String> spanIdKeys = DEFAULT_SPAN_KEYS;
    private boolean readCurrentSpan = true;

    private Builder(Telemetry telemetry) {
      this.telemetry = requireNonNull(telemetry, "telemetry");
    }

    /** MDC keys holding the trace id, tried in order (default {@code trace_id}, {@code traceId}). */
    public Builder traceIdKeys(String... keys) {
      this.traceIdKeys = keys("traceIdKeys", keys);
      return this;
    }

    /** MDC keys holding the span id, tried in order (default {@code span_id}, {@code spanId}). */
    public Builder spanIdKeys(String... keys) {
      this.spanIdKeys = keys("spanIdKeys", keys);
      return this;
    }

    /** Whether to read the current OpenTelemetry span when the MDC has no trace id (default true). */
    public Builder readCurrentSpan(boolean read) {
      this.readCurrentSpan = read;
      return this;
    }

    private static List<String> keys(String setting, String... keys) {
      requireNonNull(keys, setting);
      List<String> checked = new ArrayList<>();
      for (String key : keys) {
        if (key == null || key.isBlank()) {
          throw new IllegalArgumentException(setting + ": a key is null or blank");
        }
        checked.add(key.strip());
      }
      return List.copyOf(checked);
    }

    public LogForwarder build() {
      return new LogForwarder(this);
    }
  }
}
