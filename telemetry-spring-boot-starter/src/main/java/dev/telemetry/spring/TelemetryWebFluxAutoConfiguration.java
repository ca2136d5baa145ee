package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.TelemetryDashboard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * In a WebFlux application: the dashboard on the application's own server at {@code
 * telemetry.dashboard.path} ({@link ReactiveDashboard}, a route), and every server request
 * recorded by route template (a {@code WebFilter} reading the handler's matched pattern).
 *
 * <p>Secure by default, as in a servlet application: without {@code telemetry.dashboard.token}
 * and without an {@link Authorizer} bean the dashboard refuses every request, and says so in the
 * log at startup. Nothing here needs the servlet API.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
// By name: registered by class (tests, @ImportAutoConfiguration), a missing class literal would void the condition.
@ConditionalOnClass(name = {"org.springframework.web.reactive.HandlerMapping",
    "org.springframework.web.reactive.function.server.RouterFunction", "reactor.core.publisher.Mono"})
@ConditionalOnBean(Telemetry.class)
public class TelemetryWebFluxAutoConfiguration {
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "telemetry.dashboard", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class Dashboard {
    @Bean
    @ConditionalOnMissingBean
    Authorizer telemetryAuthorizer(TelemetryProperties properties) {
      return DashboardAuthorizers.fromProperties(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TelemetryDashboard telemetryDashboard(Telemetry telemetry, TelemetryProperties properties, Authorizer authorizer) {
      return DashboardAuthorizers.dashboard(telemetry, properties, authorizer);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ReactiveDashboard telemetryReactiveDashboard(TelemetryDashboard dashboard) {
      return ReactiveDashboard.create(dashboard);
    }

    @Bean
    @ConditionalOnMissingBean(name = "telemetryDashboardRoutes")
    RouterFunction<ServerResponse> telemetryDashboardRoutes(ReactiveDashboard dashboard) {
      return dashboard.routerFunction();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "telemetry.http", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class RequestCapture {
    @Bean
    @ConditionalOnMissingBean(name = "telemetryRequestFilter")
    ReactiveRequestFilter telemetryRequestFilter(Telemetry telemetry, TelemetryProperties properties,
        ObjectProvider<TelemetryRequestClock> clock) {
      return new ReactiveRequestFilter(telemetry, properties.getDashboard().getPath(),
          clock.getIfAvailable(TelemetryRequestClock::system));
    }
  }
}
