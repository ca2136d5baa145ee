package dev.telemetry.spring;

import dev.telemetry.Telemetry;
import dev.telemetry.log4j2.TelemetryAppender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * WARN, ERROR and FATAL logs of a Log4j2 application ({@code spring-boot-starter-log4j2} in place
 * of Logback) as the dashboard's logs, with the trace id from the thread context: telemetry-log4j2's
 * {@link TelemetryAppender} on the root logger (or the ones {@code log4j2.xml} declares) while the
 * context lives. Turned off by {@code telemetry.log4j2.enabled=false}.
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
// By name only: registered by class (tests, @ImportAutoConfiguration), a class literal that cannot be
// loaded (TelemetryAppender extends log4j-core's AbstractAppender) would make Spring ignore the condition.
@ConditionalOnClass(name = {"org.apache.logging.log4j.core.LoggerContext", "dev.telemetry.log4j2.TelemetryAppender"})
@ConditionalOnBean(Telemetry.class)
@ConditionalOnProperty(prefix = "telemetry.log4j2", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TelemetryLog4j2AutoConfiguration {
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Log4j2Appenders telemetryLog4j2Appenders(Telemetry telemetry) {
    return Log4j2Appenders.install(telemetry);
  }
}
