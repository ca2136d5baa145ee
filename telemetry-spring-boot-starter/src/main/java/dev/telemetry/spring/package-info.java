/**
 * Spring Boot auto-configuration (Boot 3.5 and 4.0): add {@code
 * dev.telemetry:telemetry-spring-boot-starter}, set {@code telemetry.dashboard.token}, open
 * {@code /admin/telemetry}. See {@link dev.telemetry.spring.TelemetryProperties} for every
 * property and {@link dev.telemetry.spring.TelemetryAutoConfiguration} for the beans.
 */
package dev.telemetry.spring;
