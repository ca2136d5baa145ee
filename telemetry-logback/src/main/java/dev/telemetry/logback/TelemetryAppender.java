package dev.telemetry.logback;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.telemetry.Telemetry;
import dev.telemetry.logging.LogForwarder;
import dev.telemetry.store.LogLevel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that keeps WARN and ERROR events as the library's curated logs (see {@link
 * LogForwarder} for the mapping: logger → domain, throwable class → error category, trace and
 * span ids from the MDC or the current OpenTelemetry span).
 *
 * <p>Attach it in code once {@link Telemetry} is built:
 *
 * <pre>{@code
 * TelemetryAppender.install(telemetry);   // onto the root logger, or onto those declared in logback.xml
 * }</pre>
 *
 * or declare it in {@code logback.xml} ({@code <appender name="TELEMETRY"
 * class="dev.telemetry.logback.TelemetryAppender"/>}, optional {@code <traceIdKeys>} and {@code
 * <spanIdKeys>}, comma-separated) and call {@link #install} to connect it; events before that are
 * counted in {@link #unconnected()} and dropped.
 *
 * <p>Never blocks the logging thread (core queues the event in a bounded buffer), never throws
 * into Logback, never forwards the library's own logging.
 */
public final class TelemetryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** The name {@link #install} gives the appender it attaches to the root logger. */
  public static final String NAME = "TELEMETRY";

  private volatile LogForwarder forwarder;
  private String traceIdKeys;
  private String spanIdKeys;
  private final LongAdder unconnected = new LongAdder();

  /** An unconnected appender (Logback's configurator creates it this way); see {@link #connect}. */
  public TelemetryAppender() {
    setName(NAME);
  }

  /**
   * Connects every {@code TelemetryAppender} declared in Logback's configuration to {@code
   * telemetry}, or, when there is none, attaches a started one to the root logger. Returns the
   * appenders connected. Throws {@link IllegalStateException} when SLF4J is not bound to Logback.
   */
  public static List<TelemetryAppender> install(Telemetry telemetry) {
    requireNonNull(telemetry, "telemetry");
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
          + ", not Logback: add logback-classic or use the appender of the framework in use");
    }
    List<TelemetryAppender> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof TelemetryAppender appender && !found.contains(appender)) {
          appender.connect(telemetry);
          found.add(appender);
        }
      }
    }
    if (found.isEmpty()) {
      TelemetryAppender appender = new TelemetryAppender();
      appender.setContext(context);
      appender.connect(telemetry);
      appender.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
      found.add(appender);
    }
    return List.copyOf(found);
  }

  /** Starts forwarding into {@code telemetry} with this appender's MDC keys. */
  public void connect(Telemetry telemetry) {
    LogForwarder.Builder builder = LogForwarder.builder(telemetry);
    if (traceIdKeys != null) {
      builder.traceIdKeys(traceIdKeys.split(","));
    }
    if (spanIdKeys != null) {
      builder.spanIdKeys(spanIdKeys.split(","));
    }
    this.forwarder = builder.build();
  }

  /** MDC keys of the trace id, comma-separated (a Logback configuration property). */
  public void setTraceIdKeys(String keys) {
    this.traceIdKeys = keys;
  }

  /** MDC keys of the span id, comma-separated (a Logback configuration property). */
  public void setSpanIdKeys(String keys) {
    this.spanIdKeys = keys;
  }

  @Override
  protected void append(ILoggingEvent event) {
    LogLevel level = level(event.getLevel());
    if (level == null) {
      return;
    }
    LogForwarder target = forwarder;
    if (target == null) {
      unconnected.increment();
      return;
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    target.forward(level, event.getLoggerName(), event.getFormattedMessage(), throwable(event.getThrowableProxy()),
        mdc == null || mdc.isEmpty() ? null : mdc::get);
  }

  private static LogLevel level(Level level) {
    if (level == null) {
      return null;
    }
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return LogLevel.ERROR;
    }
    return level.isGreaterOrEqual(Level.WARN) ? LogLevel.WARN : null;
  }

  /** The event's throwable: the original when Logback kept it (always, unless the event was serialized). */
  private static Throwable throwable(IThrowableProxy proxy) {
    return proxy instanceof ThrowableProxy original ? original.getThrowable() : null;
  }

  /** The forwarder in use, or null before {@link #connect}. */
  public LogForwarder forwarder() {
    return forwarder;
  }

  /** WARN and ERROR events that arrived before {@link #connect} and were dropped. */
  public long unconnected() {
    return unconnected.sum();
  }
}
