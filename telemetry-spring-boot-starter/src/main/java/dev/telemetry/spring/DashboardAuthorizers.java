package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.TelemetryDashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorizer the starter builds from {@code telemetry.dashboard.token}, and the dashboard it
 * guards: one place for the servlet and the WebFlux auto-configurations.
 */
final class DashboardAuthorizers {
  static final String TOKEN_PROPERTY = "telemetry.dashboard.token";
  private static final Logger LOG = LoggerFactory.getLogger(DashboardAuthorizers.class);

  private DashboardAuthorizers() {}

  /** {@link #fromToken} with the dashboard's token; says in the log, once, when it refuses everything. */
  static Authorizer fromProperties(TelemetryProperties properties) {
    TelemetryProperties.Dashboard dashboard = properties.getDashboard();
    if (dashboard.getToken() == null || dashboard.getToken().isBlank()) {
      LOG.warn("The telemetry dashboard at {} refuses every request: set {} (16 characters or more) in the "
          + "application's properties or environment (TELEMETRY_DASHBOARD_TOKEN), or declare an Authorizer bean",
          dashboard.getPath(), TOKEN_PROPERTY);
    }
    return fromToken(dashboard.getToken());
  }

  /** The dashboard at {@code telemetry.dashboard.path}, answering what {@code authorizer} allows. */
  static TelemetryDashboard dashboard(Telemetry telemetry, TelemetryProperties properties, Authorizer authorizer) {
    return TelemetryDashboard.builder(telemetry)
        .mount(properties.getDashboard().getPath())
        .authorizer(authorizer)
        .build();
  }

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
