package dev.telemetry.http;

import java.time.Instant;

/**
 * One audited access: who viewed or exported what, when. Never holds credentials or parameters
 * values beyond the API path and the export type.
 *
 * @param at when
 * @param principal the name the {@link Authorizer} gave
 * @param action {@code view} or {@code export}
 * @param path the API path below the mount, e.g. {@code /api/v1/logs}
 * @param detail the export type and format (e.g. {@code logs/csv}), empty for views
 */
public record AuditEntry(Instant at, String principal, String action, String path, String detail) {
  /** A read of an API section or the live feed. */
  public static final String VIEW = "view";
  /** A download. */
  public static final String EXPORT = "export";
}
