package dev.telemetry.spring;

import dev.telemetry.http.Authorizer;

/** The authorizer the starter builds from {@code telemetry.dashboard.token}. */
final class DashboardAuthorizers {
  static final String TOKEN_PROPERTY = "telemetry.dashboard.token";

  private DashboardAuthorizers() {}

  /** Bearer-token authorization with {@code token}, or, without one, a refusal of every request. */
  static Authorizer fromToken(String token) {
    if (token == null || token.isBlank()) {
      return request -> Authorizer.Decision.forbidden();
    }
    try {
      return Authorizer.bearerToken("token", token.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(TOKEN_PROPERTY + " is invalid: " + e.getMessage(), e);
    }
  }
}
