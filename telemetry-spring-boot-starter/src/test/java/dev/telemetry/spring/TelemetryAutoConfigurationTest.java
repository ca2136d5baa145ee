package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardRequest;
import dev.telemetry.http.DashboardServlet;
import dev.telemetry.jdbc.Dialect;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.servlet.TelemetryFilter;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs on Boot 3.5 here and on Boot 4.0 in examples-spring-boot/boot4: only APIs both share. */
class TelemetryAutoConfigurationTest {
  static final AutoConfigurations STARTER = AutoConfigurations.of(TelemetryAutoConfiguration.class,
      TelemetryActuatorAutoConfiguration.class, TelemetryMicrometerAutoConfiguration.class,
      TelemetryServletAutoConfiguration.class, TelemetryJvmAutoConfiguration.class,
      TelemetryDataSourceAutoConfiguration.class, TelemetryLogbackAutoConfiguration.class,
      TelemetryWebFluxAutoConfiguration.class, TelemetryLog4j2AutoConfiguration.class);
  private static final String TOKEN = "a-token-of-sixteen-or-more";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(STARTER).withPropertyValues("telemetry.store=memory");
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(STARTER).withPropertyValues("telemetry.store=memory");

  @Test
  void buildsTelemetryNamedAfterTheApplicationWithTheHttpAndSaturationMetrics() {
    runner.withPropertyValues("spring.application.name=Order Service").run(context -> {
      Telemetry telemetry = context.getBean(Telemetry.class);
      assertThat(telemetry.service()).isEqualTo("Order-Service");
      assertThat(telemetry.store()).isInstanceOf(InMemoryStore.class);
      assertThat(telemetry.contract().find(StandardMetrics.HTTP_SERVER_REQUESTS)).isPresent();
      assertThat(telemetry.contract().find(StandardMetrics.PROCESS_MEMORY_UTILIZATION)).isPresent();
    });
  }

  @Test
  void keepsTelemetryInAnSqliteFileNamedByTheStoreProperty(@TempDir Path dir) {
    runner.withPropertyValues("telemetry.store=sqlite:" + dir.resolve("t/telemetry.db"), "telemetry.service=shop")
        .run(context -> {
          TelemetryStore store = context.getBean(Telemetry.class).store();
          assertThat(store).isInstanceOfSatisfying(JdbcStore.class,
              jdbc -> assertThat(jdbc.dialect()).isEqualTo(Dialect.SQLITE));
          assertThat(dir.resolve("t")).isDirectory();
        });
  }

  @Test
  void failsAtStartupNamingTheStorePropertyAndWhatItAccepts() {
    runner.withPropertyValues("telemetry.store=redis://cache").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("telemetry.store=redis://cache is invalid")
          .hasMessageContaining("memory, sqlite:PATH, postgres:JDBC_URL or datasource");
    });
  }

  @Test
  void failsAtStartupOnAnInvalidServiceName() {
    runner.withPropertyValues("telemetry.service=no spaces please").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no spaces please");
    });
  }

  @Test
  void backsOffForTheHostsOwnBeans() {
    // The host's contract declares none of the JVM and database metrics: their wiring is turned off.
    runner.withUserConfiguration(HostTelemetry.class)
        .withPropertyValues("telemetry.jvm.enabled=false", "telemetry.datasource.enabled=false").run(context -> {
      assertThat(context).hasSingleBean(Telemetry.class);
      assertThat(context.getBean(Telemetry.class).service()).isEqualTo("host-built");
    });
  }

  @Test
  void failsAtStartupWhenTheHostsContractLacksTheMetricsOfWiredInstrumentation() {
    runner.withUserConfiguration(HostTelemetry.class).withPropertyValues("telemetry.jvm.enabled=false")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("db_query_duration_seconds");
          assertThat(context.getStartupFailure()).hasStackTraceContaining("telemetry.datasource.enabled=false");
        });
    runner.withUserConfiguration(HostTelemetry.class).withPropertyValues("telemetry.datasource.enabled=false")
        .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("telemetry.jvm.enabled=false"));
  }

  @Test
  void closesTelemetryAndSoItsStoreWhenTheContextCloses() {
    AtomicInteger closed = new AtomicInteger();
    runner.withBean(AtomicInteger.class, () -> closed).withUserConfiguration(CountingStore.class)
        .run(context -> assertThat(closed).hasValue(0));
    assertThat(closed).hasValue(1);
  }

  @Test
  void appliesTheHostsCustomizersToContractAndBuilder() {
    runner.withBean(TelemetryContractCustomizer.class,
            () -> contract -> contract.counter("orders_placed_total", m -> m.labels("channel")))
        .withBean(TelemetryBuilderCustomizer.class, () -> builder -> builder.environment("staging"))
        .run(context -> {
          Telemetry telemetry = context.getBean(Telemetry.class);
          assertThat(telemetry.contract().find("orders_placed_total")).isPresent();
          assertThat(telemetry.environment()).isEqualTo("staging");
        });
  }

  @Test
  void registersAMeterRegistryThatTakesLongTaskTimersAndLeavesServerRequestsToTheFilter() {
    runner.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry).isInstanceOf(TelemetryMeterRegistry.class);
      // Real long-task timers (Boot's observation handler asks for one on every request): no deny filter in the way.
      LongTaskTimer active = LongTaskTimer.builder("http.server.requests.active").register(registry);
      LongTaskTimer.Sample task = active.start();
      assertThat(active.activeTasks()).isEqualTo(1);
      task.stop();
      Timer.builder("http.server.requests").tags("uri", "/x", "method", "GET", "status", "200").register(registry)
          .record(Duration.ofMillis(5));
      Telemetry telemetry = context.getBean(Telemetry.class);
      assertThat(RecordedSamples.counterTotal(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS, Map.of())).isZero();
    });
  }

  @Test
  void mountsTheDashboardAndTheRequestFilterInAServletApplication() {
    web.withPropertyValues("telemetry.dashboard.token=" + TOKEN, "telemetry.dashboard.path=/ops/telemetry")
        .run(context -> {
          ServletRegistrationBean<?> servlet = context.getBean("telemetryDashboardServlet", ServletRegistrationBean.class);
          assertThat(servlet.getServlet()).isInstanceOf(DashboardServlet.class);
          assertThat(servlet.getUrlMappings()).containsExactlyInAnyOrder("/ops/telemetry", "/ops/telemetry/*");
          FilterRegistrationBean<?> filter = context.getBean("telemetryRequestFilter", FilterRegistrationBean.class);
          assertThat(filter.getFilter()).isInstanceOf(TelemetryFilter.class);
          Authorizer authorizer = context.getBean(Authorizer.class);
          assertThat(authorizer.authorize(api("Bearer " + TOKEN)).outcome()).isEqualTo(Authorizer.Decision.Outcome.ALLOWED);
          assertThat(authorizer.authorize(api("Bearer wrong-token-wrong-token")).outcome())
              .isEqualTo(Authorizer.Decision.Outcome.FORBIDDEN);
        });
  }

  @Test
  void refusesEveryDashboardRequestWithoutAToken() {
    web.run(context -> {
      Authorizer authorizer = context.getBean(Authorizer.class);
      assertThat(authorizer.authorize(api(null)).outcome()).isEqualTo(Authorizer.Decision.Outcome.FORBIDDEN);
      assertThat(authorizer.authorize(DashboardRequest.of("GET", "/admin/telemetry/", null, name -> null)).outcome())
          .isEqualTo(Authorizer.Decision.Outcome.FORBIDDEN);
    });
  }

  @Test
  void failsAtStartupOnATokenTooShortNamingTheProperty() {
    web.withPropertyValues("telemetry.dashboard.token=short").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("telemetry.dashboard.token is invalid: token must be at least 16 characters");
    });
  }

  @Test
  void mountsNothingOnTheServerWhenTurnedOff() {
    web.withPropertyValues("telemetry.dashboard.enabled=false", "telemetry.http.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean("telemetryDashboardServlet").doesNotHaveBean("telemetryRequestFilter");
      assertThat(context).hasSingleBean(Telemetry.class);
    });
  }

  @Test
  void configuresNothingWhenDisabled() {
    web.withPropertyValues("telemetry.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(Telemetry.class).doesNotHaveBean("telemetryDashboardServlet"));
  }

  private static DashboardRequest api(String authorization) {
    return DashboardRequest.of("GET", "/admin/telemetry/api/v1/summary", null,
        name -> name.equalsIgnoreCase("Authorization") ? authorization : null);
  }

  @Configuration(proxyBeanMethods = false)
  static class CountingStore {
    /** Like the starter's own store: left for the Telemetry instance to close. */
    @Bean(destroyMethod = "")
    TelemetryStore countingStore(AtomicInteger closed) {
      return new ForwardingStore(InMemoryStore.create()) {
        @Override
        public void close() {
          closed.incrementAndGet();
          super.close();
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostTelemetry {
    @Bean(destroyMethod = "close")
    Telemetry hostTelemetry() {
      return Telemetry.builder().service("host-built").backgroundThreads(false).closeOnShutdown(false).build();
    }
  }
}
