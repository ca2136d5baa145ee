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

  /** Logs each entry at INFO to the {@code dev.telemetry.audit} logger (the default). */
  static AuditListener logging() {
    Logger log = LoggerFactory.getLogger("dev.telemetry.audit");
    return e -> log.info("{} {} {} {}", e.principal(), e.action(), e.path(), e.detail());
  }
}
