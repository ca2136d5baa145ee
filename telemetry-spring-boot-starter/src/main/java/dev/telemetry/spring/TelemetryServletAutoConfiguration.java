package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardServlet;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.servlet.TelemetryFilter;
import jakarta.servlet.Servlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In a servlet application: the dashboard on the application's own server at {@code
 * telemetry.dashboard.path}, and every server request recorded by route (telemetry-servlet's {@link
 * TelemetryFilter}, with Spring MVC's matched pattern as the route).
 *
 * <p>Secure by default: the dashboard answers only requests carrying {@code
 * telemetry.dashboard.token} as a bearer token. Without a token and without an {@link Authorizer}
 * bean of the host's (e.g. {@link SpringSecurityAuthorizer}) it refuses every request, and says so
 * in the log at startup.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Servlet.class, OncePerRequestFilter.class, TelemetryFilter.class})
@ConditionalOnBean(Telemetry.class)
public class TelemetryServletAutoConfiguration {
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

    @Bean
    @ConditionalOnMissingBean(name = "telemetryDashboardServlet")
    ServletRegistrationBean<DashboardServlet> telemetryDashboardServlet(TelemetryDashboard dashboard) {
      ServletRegistrationBean<DashboardServlet> registration =
          new ServletRegistrationBean<>(new DashboardServlet(dashboard), dashboard.mount(), dashboard.mount() + "/*");
      registration.setName("telemetryDashboard");
      return registration;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "telemetry.http", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class RequestCapture {
    /**
     * Spring MVC names the route of every request it handles, so what it did not match folds into
     * {@code /{not_found}} and {@code /{redirection}}; its resolved exceptions name 5xx errors
     * (TelemetryFilter's defaults).
     */
    @Bean
    @ConditionalOnMissingBean(name = "telemetryRequestFilter")
    FilterRegistrationBean<TelemetryFilter> telemetryRequestFilter(Telemetry telemetry,
        TelemetryProperties properties, ObjectProvider<TelemetryRequestClock> clock) {
      TelemetryFilter filter = TelemetryFilter.builder(telemetry)
          .excludePaths(properties.getDashboard().getPath())
          .foldUnmatchedRoutes()
          .clock(new NanoTimeClock(clock.getIfAvailable(TelemetryRequestClock::system)))
          .build();
      FilterRegistrationBean<TelemetryFilter> registration = new FilterRegistrationBean<>(filter);
      registration.setName("telemetryRequestFilter");
      // Outermost, beside Boot's own observation filter: the time includes security and every other filter.
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      return registration;
    }

    /** Without a tracer, the caller's {@code traceparent} gives what the request logs its trace id. */
    @Bean
    @ConditionalOnMissingClass("io.micrometer.tracing.Tracer")
    @ConditionalOnMissingBean(name = "telemetryTraceparentFilter")
    FilterRegistrationBean<TraceparentMdcFilter> telemetryTraceparentFilter() {
      FilterRegistrationBean<TraceparentMdcFilter> registration = new FilterRegistrationBean<>(new TraceparentMdcFilter());
      registration.setName("telemetryTraceparentFilter");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
      return registration;
    }
  }
}
