package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.TelemetryStore;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link Telemetry} bean, its contract and its store, from the {@code telemetry.*}
 * properties ({@link TelemetryProperties}). Every bean backs off when the host declares one of
 * its type; {@link TelemetryContractCustomizer} and {@link TelemetryBuilderCustomizer} beans
 * adjust the starter's own. The instance is closed (and so flushed) when the context closes.
 */
@AutoConfiguration(afterName = {
    // The store may be the application's DataSource (telemetry.store=datasource).
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnProperty(prefix = "telemetry", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TelemetryProperties.class)
public class TelemetryAutoConfiguration {
  private static final Pattern INVALID_SERVICE_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.-]+");

  /** The HTTP server, database and saturation metrics of {@link StandardMetrics}, plus the customizers'. */
  @Bean
  @ConditionalOnMissingBean
  MetricContract telemetryContract(ObjectProvider<TelemetryContractCustomizer> customizers) {
    MetricContract.Builder contract = StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder()));
    customizers.orderedStream().forEach(customizer -> customizer.customize(contract));
    return contract.build();
  }

  /** Closed by the Telemetry instance that owns it, not by the context. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  TelemetryStore telemetryStore(TelemetryProperties properties, ObjectProvider<DataSource> dataSource) {
    // The application's DataSource without the starter's timing: the library's own statements are not the application's.
    return TelemetryStores.create(properties.getStore(), Path.of("").toAbsolutePath(),
        () -> untimed(dataSource.getIfUnique()));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Telemetry telemetry(TelemetryProperties properties, MetricContract contract, TelemetryStore store,
      Environment environment, ObjectProvider<TelemetryBuilderCustomizer> customizers) {
    Telemetry.Builder builder = Telemetry.builder()
        .service(service(properties, environment))
        .contract(contract)
        .store(store)
        .flushInterval(properties.getFlushInterval())
        .retention(properties.getRetention())
        // The context closes the instance; a JVM hook of its own could close it while requests are still served.
        .closeOnShutdown(false);
    if (properties.getEnvironment() != null) {
      builder.environment(properties.getEnvironment());
    }
    if (properties.getNode() != null) {
      builder.node(properties.getNode());
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static DataSource untimed(DataSource dataSource) {
    return dataSource == null ? null : TimedDataSourceProxies.untimed(dataSource);
  }

  /** {@code telemetry.service} as given (the builder names what is wrong), else the application's name made valid. */
  static String service(TelemetryProperties properties, Environment environment) {
    if (properties.getService() != null) {
      return properties.getService();
    }
    String name = environment.getProperty("spring.application.name", "");
    String valid = INVALID_SERVICE_CHARACTERS.matcher(name.trim()).replaceAll("-").replaceAll("^[^A-Za-z0-9]+", "");
    return valid.isEmpty() ? "application" : valid.substring(0, Math.min(64, valid.length()));
  }
}
