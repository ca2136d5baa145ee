/** Logback integration: {@link dev.telemetry.logback.TelemetryAppender}. */
package dev.telemetry.logback;
