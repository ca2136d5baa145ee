package dev.telemetry.http;

import java.io.IOException;
import java.util.Set;

/**
 * One API path: the parameters it accepts and how it answers. The router has already checked the
 * method, the caller and the parameter names.
 */
record Endpoint(String path, Set<String> params, boolean labels, String auditAction, Handler handler) {
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange, QueryParams params) throws IOException;
  }

  static Endpoint view(String path, Set<String> params, Handler handler) {
    return new Endpoint(path, params, false, AuditEntry.VIEW, handler);
  }
}
