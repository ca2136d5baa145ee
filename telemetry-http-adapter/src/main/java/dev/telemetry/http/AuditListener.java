package dev.telemetry.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every audited access (API views, live-feed subscriptions, exports). Called on the
 * request thread before the response is written; it should hand the entry off quickly. What it
 * throws is contained and logged, and never fails the request.
 */
@FunctionalInterface
public interface AuditListener {
  void record(AuditEntry entry);

  /**
   * Logs to the {@code dev.telemetry.audit} logger (the default): exports at INFO, views (the
   * page's polls of API sections and the live feed, several per refresh) at DEBUG, so a host's log
   * keeps who downloaded what without a line per poll. Turn the logger to DEBUG to see every view.
   */
  static AuditListener logging() {
    return logging(LoggerFactory.getLogger("dev.telemetry.audit"));
  }

  /** {@link #logging()} on the given logger. */
  static AuditListener logging(Logger log) {
    return e -> {
      if (AuditEntry.VIEW.equals(e.action())) {
        log.debug("{} {} {} {}", e.principal(), e.action(), e.path(), e.detail());
      } else {
        log.info("{} {} {} {}", e.principal(), e.action(), e.path(), e.detail());
      }
    };
  }
}
