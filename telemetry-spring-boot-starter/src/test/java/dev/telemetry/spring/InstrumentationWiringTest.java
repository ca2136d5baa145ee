package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.datasource.TimedDataSource;
import dev.telemetry.jvm.JvmMetrics;
import dev.telemetry.otel.HikariPoolSaturation;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the starter wires from the instrumentation modules: JVM gauges, DataSource timing, Hikari pools, Logback. */
class InstrumentationWiringTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(TelemetryAutoConfigurationTest.STARTER).withPropertyValues("telemetry.store=memory");

  @Test
  void fillsTheMemorySaturationSignalAndTheJvmGaugesAtEveryFlush() {
    runner.run(context -> {
      assertThat(context.getBean(JvmMetrics.class).installed())
          .contains(StandardMetrics.PROCESS_MEMORY_UTILIZATION, JvmMetrics.MEMORY_USED, JvmMetrics.THREADS);
      Telemetry telemetry = context.getBean(Telemetry.class);
      assertThat(RecordedSamples.of(telemetry, StandardMetrics.PROCESS_MEMORY_UTILIZATION)).singleElement()
          .satisfies(sample -> assertThat(sample.last()).isGreaterThan(0).isLessThanOrEqualTo(1));
    });
  }

  @Test
  void leavesBootsPerPoolMemoryGaugesOutOfTheByAreaOnes() {
    runner.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      Gauge.builder("jvm.memory.used", () -> 1.0).tags("area", "heap", "id", "G1 Eden Space").baseUnit("bytes")
          .register(registry);
      Telemetry telemetry = context.getBean(Telemetry.class);

      List<MetricSample> heap = RecordedSamples.of(telemetry, JvmMetrics.MEMORY_USED).stream()
          .filter(sample -> "heap".equals(sample.labels().get(JvmMetrics.AREA))).toList();
      assertThat(heap).isNotEmpty().allSatisfy(sample -> assertThat(sample.min()).isGreaterThan(1));
      assertThat(registry.find("jvm.memory.used").gauge()).as("still a Micrometer meter").isNotNull();
    });
  }

  @Test
  void installsNoJvmGaugesWhenTurnedOff() {
    runner.withPropertyValues("telemetry.jvm.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(JvmMetrics.class);
      assertThat(context.getBean(Telemetry.class).contract().find(JvmMetrics.MEMORY_USED)).isEmpty();
    });
  }

  @Test
  void timesTheApplicationsStatementsByOperationAndSqlStateClassAndKeepsTheBeanAHikariDataSource() {
    runner.withUserConfiguration(H2Pool.class).run(context -> {
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(context.getBean(HikariDataSource.class)).isSameAs(dataSource);
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT 1").close();
        statement.executeQuery("select 2").close();
        assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
            .isInstanceOf(SQLException.class);
      }
      Telemetry telemetry = context.getBean(Telemetry.class);
      assertThat(queries(telemetry, Map.of("operation", "select", "sqlstate_class", "00"))).isEqualTo(2);
      assertThat(queries(telemetry, Map.of("operation", "select", "sqlstate_class", "42"))).isEqualTo(1);
      assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).as("other calls reach the pool").isEqualTo(3);
    });
  }

  @Test
  void reportsEachHikariPoolsSaturation() {
    runner.withUserConfiguration(H2Pool.class).run(context -> {
      Telemetry telemetry = context.getBean(Telemetry.class);
      List<MetricSample> max = RecordedSamples.of(telemetry, HikariPoolSaturation.MAX);
      assertThat(max).singleElement().satisfies(sample -> {
        assertThat(sample.labels()).containsEntry(HikariPoolSaturation.POOL, "app-pool");
        assertThat(sample.last()).isEqualTo(3);
      });
      assertThat(RecordedSamples.of(telemetry, StandardMetrics.DB_POOL_UTILIZATION)).isNotEmpty();
    });
  }

  @Test
  void keepsTheInterfacesOfADataSourceWhoseClassCannotBeSubclassed() {
    runner.withBean(DataSource.class, FinalDataSource::new).run(context -> {
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(dataSource).isNotInstanceOf(FinalDataSource.class).isInstanceOf(Closeable.class);
      assertThat(TimedDataSourceProxies.isTimed(dataSource)).isTrue();
      assertThat(TimedDataSourceProxies.untimed(dataSource)).isInstanceOf(FinalDataSource.class);
    });
  }

  @Test
  void neverTimesTheLibrarysOwnStatementsOnTheApplicationsDataSource(@TempDir Path dir) {
    runner.withPropertyValues("telemetry.store=datasource", "app.db=jdbc:sqlite:" + dir.resolve("app.db"))
        .withUserConfiguration(SqlitePool.class).run(context -> {
          Telemetry telemetry = context.getBean(Telemetry.class);
          telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS).increment("route", "/x", "method", "GET",
              "status", "200");
          // flushes write samples through the store, twice, before the one statement of the application
          RecordedSamples.of(telemetry, StandardMetrics.HTTP_SERVER_REQUESTS);
          assertThat(RecordedSamples.of(telemetry, StandardMetrics.DB_QUERY_DURATION)).isEmpty();
          try (Connection connection = context.getBean(DataSource.class).getConnection();
              Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
          }
          assertThat(queries(telemetry, Map.of())).isEqualTo(1);
        });
  }

  @Test
  void leavesTheDataSourceAloneWhenTurnedOff() {
    runner.withPropertyValues("telemetry.datasource.enabled=false").withUserConfiguration(H2Pool.class)
        .run(context -> {
          assertThat(TimedDataSourceProxies.isTimed(context.getBean(DataSource.class))).isFalse();
          assertThat(context).doesNotHaveBean(TimedDataSource.class);
        });
  }

  @Test
  void forwardsErrorLogsWithTheirTraceIdAndDetachesWhenTheContextCloses() {
    org.slf4j.Logger log = LoggerFactory.getLogger("shop.checkout");
    // (another test's application context may still be open in this JVM, with its own appender)
    List<?> before = appenders();
    runner.run(context -> {
      assertThat(appenders()).hasSize(before.size() + 1);
      assertThat(context.getBean(LogbackAppenders.class).installed()).isTrue();
      MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
      try {
        log.error("payment provider unavailable", new IllegalStateException("timeout"));
      } finally {
        MDC.remove("traceId");
      }
      log.info("not kept: below WARN");
      Telemetry telemetry = context.getBean(Telemetry.class);
      telemetry.flush();
      telemetry.awaitWritten(java.time.Duration.ofSeconds(10));
      List<LogEvent> logs = telemetry.store()
          .readLogs(LogQuery.range(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100)).items();
      assertThat(logs).singleElement().satisfies(event -> {
        assertThat(event.level()).isEqualTo(LogLevel.ERROR);
        assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.event()).isEqualTo("IllegalStateException");
      });
    });
    assertThat(appenders()).isEqualTo(before);
  }

  @Test
  void givesEachOpenContextItsOwnAppender() {
    org.slf4j.Logger log = LoggerFactory.getLogger("shop.checkout");
    runner.withPropertyValues("telemetry.service=first").run(first -> runner.withPropertyValues(
        "telemetry.service=second").run(second -> {
          log.warn("stock low");
          for (Telemetry telemetry : List.of(first.getBean(Telemetry.class), second.getBean(Telemetry.class))) {
            telemetry.flush();
            telemetry.awaitWritten(java.time.Duration.ofSeconds(10));
            assertThat(telemetry.store().readLogs(LogQuery.range(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                100)).items()).as(telemetry.service()).extracting(LogEvent::message).containsExactly("stock low");
          }
        }));
  }

  @Test
  void attachesNoAppenderWhenTurnedOff() {
    List<?> before = appenders();
    runner.withPropertyValues("telemetry.logback.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(LogbackAppenders.class);
      assertThat(appenders()).isEqualTo(before);
    });
  }

  private static List<?> appenders() {
    return LogbackAppenders.appenders((LoggerContext) LoggerFactory.getILoggerFactory());
  }

  private static double queries(Telemetry telemetry, Map<String, String> labels) {
    return RecordedSamples.of(telemetry, StandardMetrics.DB_QUERY_DURATION).stream()
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToLong(MetricSample::count).sum();
  }

  @Configuration(proxyBeanMethods = false)
  static class H2Pool {
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
      HikariDataSource pool = new HikariDataSource();
      pool.setJdbcUrl("jdbc:h2:mem:wiring;DB_CLOSE_DELAY=-1");
      pool.setPoolName("app-pool");
      pool.setMaximumPoolSize(3);
      return pool;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SqlitePool {
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(org.springframework.core.env.Environment environment) {
      HikariDataSource pool = new HikariDataSource();
      pool.setJdbcUrl(environment.getProperty("app.db"));
      pool.setMaximumPoolSize(2);
      return pool;
    }
  }

  /** A DataSource of a final class: the proxy can only take its interfaces. */
  static final class FinalDataSource implements DataSource, Closeable {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public void close() {}
  }
}
