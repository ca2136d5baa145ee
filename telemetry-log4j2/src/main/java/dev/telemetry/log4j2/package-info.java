/** Log4j2 integration: {@link dev.telemetry.log4j2.TelemetryAppender}. */
package dev.telemetry.log4j2;
