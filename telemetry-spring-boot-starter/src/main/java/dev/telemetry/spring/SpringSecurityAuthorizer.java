package dev.telemetry.spring;

import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An {@link Authorizer} for applications that protect the dashboard's path with Spring Security:
 * it lets through the requests Spring Security authenticated, as their principal's name, and
 * refuses the rest (401). Spring Security's filter chain decides who may reach the path (roles,
 * sessions, OAuth2 …); this only turns that decision into the dashboard's audit principal.
 *
 * <pre>{@code
 * @Bean
 * Authorizer telemetryAuthorizer() {
 *   return new SpringSecurityAuthorizer();
 * }
 *
 * @Bean
 * SecurityFilterChain telemetry(HttpSecurity http) throws Exception {
 *   return http.securityMatcher("/admin/telemetry/**")
 *       .authorizeHttpRequests(a -> a.anyRequest().hasRole("OPS"))
 *       .httpBasic(Customizer.withDefaults())
 *       .build();
 * }
 * }</pre>
 */
public final class SpringSecurityAuthorizer implements Authorizer {
  @Override
  public Decision authorize(DashboardRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Decision.unauthenticated();
    }
    String name = authentication.getName();
    return Decision.allow(name == null || name.isBlank() ? "authenticated" : name);
  }
}
