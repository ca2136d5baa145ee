package dev.telemetry.http;

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
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.telemetry.audit");
    return e -> log.info("{} {} {} {}", e.principal(), e.action(), e.path(), e.detail());
  }
}
