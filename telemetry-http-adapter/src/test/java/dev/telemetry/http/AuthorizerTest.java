package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  static DashboardRequest withAuthorization(String value) {
    Map<String, String> headers = value == null ? Map.of() : Map.of("Authorization", value);
    return DashboardRequest.of("GET", "/x", null, headers::get);
  }

  @Test
  void bearerTokenAllowsTheTokenAsThePrincipal() {
    Authorizer auth = Authorizer.bearerToken("ops", "0123456789abcdef-token");
    assertThat(auth.authorize(withAuthorization("Bearer 0123456789abcdef-token")))
        .isEqualTo(Authorizer.Decision.allow("ops"));
    assertThat(auth.authorize(withAuthorization("bearer 0123456789abcdef-token")).outcome())
        .isEqualTo(Authorizer.Decision.Outcome.ALLOWED);
  }

  @Test
  void missingOrOtherSchemesAreUnauthenticatedAndWrongTokensForbidden() {
    Authorizer auth = Authorizer.bearerToken("ops", "0123456789abcdef-token");
    assertThat(auth.authorize(withAuthorization(null)).outcome()).isEqualTo(Authorizer.Decision.Outcome.UNAUTHENTICATED);
    assertThat(auth.authorize(withAuthorization("Basic b3BzOnB3")).outcome())
        .isEqualTo(Authorizer.Decision.Outcome.UNAUTHENTICATED);
    assertThat(auth.authorize(withAuthorization("Bearer 0123456789abcdef-tokeN")).outcome())
        .isEqualTo(Authorizer.Decision.Outcome.FORBIDDEN);
    assertThat(auth.authorize(withAuthorization("Bearer 0123456789abcdef-token-longer")).outcome())
        .isEqualTo(Authorizer.Decision.Outcome.FORBIDDEN);
  }

  @Test
  void shortTokensAndAllowedWithoutPrincipalAreRefused() {
    assertThatThrownBy(() -> Authorizer.bearerToken("ops", "short")).hasMessageContaining("16");
    assertThatThrownBy(() -> Authorizer.Decision.allow(" ")).hasMessageContaining("principal");
    assertThat(Authorizer.allowAll().authorize(withAuthorization(null))).isEqualTo(Authorizer.Decision.allow("anonymous"));
  }
}
