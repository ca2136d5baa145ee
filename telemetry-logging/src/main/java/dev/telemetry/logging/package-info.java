/**
 * Log capture shared by the Logback and Log4j2 appenders ({@code telemetry-logback}, {@code
 * telemetry-log4j2}): {@link dev.telemetry.logging.LogForwarder}.
 */
package dev.telemetry.logging;
