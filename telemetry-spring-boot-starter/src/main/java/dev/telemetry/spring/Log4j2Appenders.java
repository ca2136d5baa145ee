package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.log4j2.TelemetryAppender;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * telemetry-log4j2's appender on the application's Log4j2, for as long as the context lives: it
 * connects the appenders declared in {@code log4j2.xml} ({@code <Telemetry/>}), or else adds one of
 * its own, under a name of its own, to the root logger, which {@link #close} removes and stops, so a
 * closed context's Telemetry stops receiving logs. It never takes over an appender another
 * context added: two contexts in one JVM each keep their own. When Log4j2 loads a new
 * configuration (Spring Boot initializing logging for another application, a file monitor, a
 * reconfiguration by hand), it does the same on the new one, since the old one's appenders are
 * stopped with it. Does nothing when the Log4j2 API is not backed by log4j-core. The library's own
 * logging is never forwarded (telemetry-log4j2's rule).
 */
final class Log4j2Appenders implements AutoCloseable, PropertyChangeListener {
  /** The appenders some context's installation added (the others are the configuration's). */
  private static final Set<TelemetryAppender> ADDED = ConcurrentHashMap.newKeySet();
  private static final AtomicLong NAMES = new AtomicLong();
  private final Telemetry telemetry;
  private final LoggerContext context;
  /** The appender this installation added to the current configuration, or null. */
  private TelemetryAppender added;
  /** The configuration last attached to; the context also announces updates of the same one. */
  private Configuration attachedTo;
  private boolean closed;

  private Log4j2Appenders(Telemetry telemetry, LoggerContext context) {
    this.telemetry = telemetry;
    this.context = context;
  }

  static Log4j2Appenders install(Telemetry telemetry) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return new Log4j2Appenders(telemetry, null);
    }
    Log4j2Appenders appenders = new Log4j2Appenders(telemetry, context);
    appenders.attach(context.getConfiguration());
    context.addPropertyChangeListener(appenders);
    return appenders;
  }

  private synchronized void attach(Configuration configuration) {
    if (closed) {
      return;
    }
    attachedTo = configuration;
    List<TelemetryAppender> declared = appenders(configuration);
    declared.removeAll(ADDED);
    if (!declared.isEmpty()) {
      declared.forEach(appender -> appender.connect(telemetry));
      return;
    }
    TelemetryAppender appender = TelemetryAppender.createAppender(
        TelemetryAppender.NAME + "-" + NAMES.incrementAndGet(), null, null);
    appender.connect(telemetry);
    appender.start();
    ADDED.add(appender);
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
    added = appender;
  }

  /**
   * A new configuration replaced the one the appender was in (and stopped it). The context fires
   * the same event when its loggers are merely updated (as {@link #attach} does): that one is ignored.
   */
  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName()) && event.getNewValue() instanceof Configuration next) {
      synchronized (this) {
        if (next != attachedTo) {
          forgetAdded();
          attach(next);
        }
      }
    }
  }

  /** The telemetry appenders of {@code configuration}. */
  static List<TelemetryAppender> appenders(Configuration configuration) {
    List<TelemetryAppender> found = new ArrayList<>();
    for (Appender appender : configuration.getAppenders().values()) {
      if (appender instanceof TelemetryAppender telemetryAppender) {
        found.add(telemetryAppender);
      }
    }
    return found;
  }

  /** Whether an appender forwards into the application's Telemetry. */
  boolean installed() {
    return context != null;
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    context.removePropertyChangeListener(this);
    synchronized (this) {
      closed = true;
      TelemetryAppender appender = added;
      forgetAdded();
      if (appender == null) {
        return;
      }
      Configuration configuration = context.getConfiguration();
      for (LoggerConfig logger : configuration.getLoggers().values()) {
        logger.removeAppender(appender.getName());
      }
      configuration.getRootLogger().removeAppender(appender.getName());
      configuration.getAppenders().remove(appender.getName(), appender);
      context.updateLoggers();
      appender.stop();
    }
  }

  private void forgetAdded() {
    if (added != null) {
      ADDED.remove(added);
      added = null;
    }
  }
}
