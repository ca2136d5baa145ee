package dev.telemetry.spring;

import ch.qos.logback.classic.LoggerContext;
import dev.telemetry.Telemetry;
import dev.telemetry.logback.TelemetryAppender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * WARN and ERROR logs of a Logback application (Boot's default) as the dashboard's logs, with the
 * trace id from the MDC: telemetry-logback's {@link TelemetryAppender} on the root logger (or the
 * ones {@code logback.xml} declares) while the context lives. Turned off by {@code
 * telemetry.logback.enabled=false}.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnClass({LoggerContext.class, TelemetryAppender.class})
@ConditionalOnBean(Telemetry.class)
@ConditionalOnProperty(prefix = "telemetry.logback", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TelemetryLogbackAutoConfiguration {
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  LogbackAppenders telemetryLogbackAppenders(Telemetry telemetry) {
    return LogbackAppenders.install(telemetry);
  }
}
