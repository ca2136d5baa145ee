package dev.telemetry.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.telemetry.Telemetry;
import dev.telemetry.logback.TelemetryAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * telemetry-logback's appender on the application's Logback, for as long as the context lives:
 * like {@link TelemetryAppender#install}, it connects the appenders declared in {@code logback.xml},
 * or else attaches one of its own to the root logger, which {@link #close} detaches and stops, so
 * a closed context's Telemetry stops receiving logs. Unlike {@code install}, it never takes over an
 * appender another context attached: two contexts in one JVM (tests, parent and child) each keep
 * their own. Does nothing when SLF4J is bound to another framework.
 */
final class LogbackAppenders implements AutoCloseable {
  /** The appenders some context's installation attached (the others are the configuration's). */
  private static final Set<TelemetryAppender> ATTACHED = ConcurrentHashMap.newKeySet();
  private final LoggerContext context;
  private final List<TelemetryAppender> attached;

  private LogbackAppenders(LoggerContext context, List<TelemetryAppender> attached) {
    this.context = context;
    this.attached = attached;
  }

  static LogbackAppenders install(Telemetry telemetry) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new LogbackAppenders(null, List.of());
    }
    List<TelemetryAppender> declared = appenders(context);
    declared.removeAll(ATTACHED);
    if (!declared.isEmpty()) {
      declared.forEach(appender -> appender.connect(telemetry));
      return new LogbackAppenders(context, List.of());
    }
    TelemetryAppender appender = new TelemetryAppender();
    appender.setContext(context);
    appender.connect(telemetry);
    appender.start();
    ATTACHED.add(appender);
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return new LogbackAppenders(context, List.of(appender));
  }

  /** The telemetry appenders attached to some logger of {@code context}. */
  static List<TelemetryAppender> appenders(LoggerContext context) {
    List<TelemetryAppender> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof TelemetryAppender appender && !found.contains(appender)) {
          found.add(appender);
        }
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
    for (TelemetryAppender appender : attached) {
      for (Logger logger : context.getLoggerList()) {
        logger.detachAppender(appender);
      }
      appender.stop();
      ATTACHED.remove(appender);
    }
  }
}
