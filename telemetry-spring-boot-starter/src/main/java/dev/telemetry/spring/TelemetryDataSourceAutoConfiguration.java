package dev.telemetry.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.Telemetry;
import dev.telemetry.datasource.TimedDataSource;
import dev.telemetry.otel.HikariPoolSaturation;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's DataSource beans: every statement timed into {@code db_query_duration_seconds}
 * by operation and SQLState class (telemetry-datasource's {@link TimedDataSource}, applied by a
 * bean post-processor, see {@link TimedDataSourceProxies}), and each HikariCP pool's saturation
 * ({@code db_pool_utilization_ratio}, active, idle, maximum connections, waiting threads). The
 * library's own store is never timed. Turned off by {@code telemetry.datasource.enabled=false}.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, TimedDataSource.class})
@ConditionalOnBean(Telemetry.class)
@ConditionalOnProperty(prefix = "telemetry.datasource", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TelemetryDataSourceAutoConfiguration {
  /** Static: a post-processor is created before the other beans, and must not pull them in early. */
  @Bean
  static TimedDataSourcePostProcessor telemetryDataSourcePostProcessor(ObjectProvider<TimedDataSource> timing) {
    return new TimedDataSourcePostProcessor(timing);
  }

  @Bean
  @ConditionalOnMissingBean
  TimedDataSource telemetryTimedDataSource(Telemetry telemetry) {
    try {
      return TimedDataSource.builder(telemetry).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("telemetry.datasource.enabled: " + e.getMessage()
          + " in the Telemetry bean's contract, or set telemetry.datasource.enabled=false", e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HikariDataSource.class, HikariPoolSaturation.class})
  static class HikariPools {
    /** Declares the pool gauges beside {@code db_pool_utilization_ratio} in the starter's contract. */
    @Bean
    TelemetryContractCustomizer telemetryHikariContract() {
      return HikariPoolSaturation::addMetrics;
    }

    /** Once every bean exists: the saturation gauges of each HikariCP pool among the DataSource beans. */
    @Bean
    SmartInitializingSingleton telemetryHikariPools(Telemetry telemetry, ObjectProvider<DataSource> dataSources) {
      return () -> dataSources.orderedStream().map(TimedDataSourceProxies::untimed).forEach(dataSource -> {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari != null) {
          HikariPoolSaturation.register(telemetry, hikari);
        }
      });
    }

    private static HikariDataSource hikari(DataSource dataSource) {
      if (dataSource instanceof HikariDataSource hikari) {
        return hikari;
      }
      try {
        return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
      } catch (SQLException e) {
        return null;
      }
    }
  }
}
