package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides who may read the dashboard. Required to build a {@link TelemetryDashboard}: there is
 * no implicit default, so an unprotected dashboard is always a visible choice
 * ({@link #allowAll()}).
 *
 * <p>Called on the request thread for every request below the dashboard's mount — API views, the
 * live feed, exports, and the web page with its assets — before the path is resolved, possibly
 * concurrently; it should not block for long. {@link DashboardRequest#kind()} says what is asked
 * for. Whatever it throws is contained and answered as 403 without detail. A host's own session or
 * cookie authorizer protects the page too; the built-in {@link #bearerToken} lets the page through
 * (see there).
 *
 * <pre>{@code
 * Authorizer auth = Authorizer.bearerToken("ops", System.getenv("TELEMETRY_TOKEN"));
 * Authorizer hostAuth = request -> isAdmin(request.header("Cookie"))
 *     ? Authorizer.Decision.allow("admin") : Authorizer.Decision.forbidden();
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {
  /** The principal {@link #bearerToken} gives requests for the page shell, which carry no token. */
  String PAGE_VISITOR = "page-visitor";

  /** Decides on one request. */
  Decision authorize(DashboardRequest request);

  /**
   * Accepts {@code Authorization: Bearer <token>} equal to {@code token} (compared in constant
   * time), as the principal {@code principal}. Requests of {@link DashboardRequest.Kind#PAGE}
   * (the page shell, its scripts and styles, which hold no data) are allowed without a token as
   * {@value #PAGE_VISITOR}: a browser cannot send a header when it opens a URL, and the page asks
   * for the token and sends it with every API call.
   */
  static Authorizer bearerToken(String principal, String token) {
    requireNonNull(principal, "principal");
    requireNonNull(token, "token");
    if (token.length() < 16) {
      throw new IllegalArgumentException("token must be at least 16 characters, was " + token.length());
    }
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return request -> {
      if (request.kind() == DashboardRequest.Kind.PAGE) {
        return Decision.allow(PAGE_VISITOR);
      }
      String header = request.header("Authorization");
      if (header == null || header.isBlank()) {
        return Decision.unauthenticated();
      }
      if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Decision.unauthenticated();
      }
      byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      return MessageDigest.isEqual(expected, given) ? Decision.allow(principal) : Decision.forbidden();
    };
  }

  /** Lets every request through as the principal {@code anonymous}. For local demos only. */
  static Authorizer allowAll() {
    return request -> Decision.allow("anonymous");
  }

  /**
   * The outcome: allowed with a principal name (recorded in the audit trail, so never a secret),
   * no credentials (401) or wrong credentials (403).
   *
   * @param outcome what was decided
   * @param principal who, when allowed; {@code null} otherwise
   */
  record Decision(Outcome outcome, String principal) {
    /** The three outcomes. */
    public enum Outcome {
      ALLOWED,
      UNAUTHENTICATED,
      FORBIDDEN
    }

    public Decision {
      requireNonNull(outcome, "outcome");
      if (outcome == Outcome.ALLOWED && (principal == null || principal.isBlank())) {
        throw new IllegalArgumentException("an allowed decision needs a principal name");
      }
    }

    public static Decision allow(String principal) {
      return new Decision(Outcome.ALLOWED, principal);
    }

    public static Decision unauthenticated() {
      return new Decision(Outcome.UNAUTHENTICATED, null);
    }

    public static Decision forbidden() {
      return new Decision(Outcome.FORBIDDEN, null);
    }
  }
}
