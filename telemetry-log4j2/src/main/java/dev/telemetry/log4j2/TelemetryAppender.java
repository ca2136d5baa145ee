package dev.telemetry.log4j2;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.logging.LogForwarder;
import dev.telemetry.store.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * A Log4j2 appender that keeps WARN, ERROR and FATAL events as the library's curated logs (see
 * {@link LogForwarder} for the mapping: logger → domain, throwable class → error category, trace
 * and span ids from the thread context or the current OpenTelemetry span).
 *
 * <pre>{@code
 * TelemetryAppender.install(telemetry);   // onto the root logger, or onto those declared in log4j2.xml
 * }</pre>
 *
 * or declare it in {@code log4j2.xml} ({@code <Telemetry name="TELEMETRY" traceIdKeys="trace_id"/>}
 * under {@code <Appenders>}) and call {@link #install} to connect it; events before that are
 * counted in {@link #unconnected()} and dropped. An appender added by {@code install} lives in the
 * current configuration: call it again after Log4j2 reloads its configuration.
 *
 * <p>Never blocks the logging thread (core queues the event in a bounded buffer), never throws
 * into Log4j2, never forwards the library's own logging.
 */
@Plugin(name = "Telemetry", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class TelemetryAppender extends AbstractAppender {
  /** The name {@link #install} gives the appender it attaches to the root logger. */
  public static final String NAME = "TELEMETRY";

  private final String traceIdKeys;
  private final String spanIdKeys;
  private volatile LogForwarder forwarder;
  private final LongAdder unconnected = new LongAdder();

  private TelemetryAppender(String name, String traceIdKeys, String spanIdKeys) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
    this.traceIdKeys = traceIdKeys;
    this.spanIdKeys = spanIdKeys;
  }

  /** Log4j2's factory for a declared appender (comma-separated MDC keys are optional). */
  @PluginFactory
  public static TelemetryAppender createAppender(@PluginAttribute("name") String name,
      @PluginAttribute("traceIdKeys") String traceIdKeys, @PluginAttribute("spanIdKeys") String spanIdKeys) {
    return new TelemetryAppender(name == null ? NAME : name, traceIdKeys, spanIdKeys);
  }

  /**
   * Connects every {@code TelemetryAppender} in the current Log4j2 configuration to {@code
   * telemetry}, or, when there is none, adds a started one to the root logger. Returns the
   * appenders connected. Throws {@link IllegalStateException} when Log4j2's API is not backed by
   * log4j-core.
   */
  public static List<TelemetryAppender> install(Telemetry telemetry) {
    requireNonNull(telemetry, "telemetry");
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      throw new IllegalStateException("the Log4j2 API is not backed by log4j-core: add log4j-core");
    }
    Configuration configuration = context.getConfiguration();
    List<TelemetryAppender> found = new ArrayList<>();
    for (Appender appender : configuration.getAppenders().values()) {
      if (appender instanceof TelemetryAppender declared) {
        declared.connect(telemetry);
        found.add(declared);
      }
    }
    if (found.isEmpty()) {
      TelemetryAppender appender = new TelemetryAppender(NAME, null, null);
      appender.connect(telemetry);
      appender.start();
      configuration.addAppender(appender);
      configuration.getRootLogger().addAppender(appender, null, null);
      context.updateLoggers();
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

  @Override
  public void append(LogEvent event) {
    LogLevel level = level(event.getLevel());
    if (level == null) {
      return;
    }
    LogForwarder target = forwarder;
    if (target == null) {
      unconnected.increment();
      return;
    }
    ReadOnlyStringMap context = event.getContextData();
    target.forward(level, event.getLoggerName(),
        event.getMessage() == null ? null : event.getMessage().getFormattedMessage(), event.getThrown(),
        context == null || context.isEmpty() ? null : context::getValue);
  }

  private static LogLevel level(Level level) {
    if (level == null) {
      return null;
    }
    if (level.isMoreSpecificThan(Level.ERROR)) {
      return LogLevel.ERROR;
    }
    return level.isMoreSpecificThan(Level.WARN) ? LogLevel.WARN : null;
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
