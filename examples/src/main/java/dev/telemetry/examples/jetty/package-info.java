/**
 * A plain Jetty 12 application (no Spring) instrumented by the library's drop-in pieces: the
 * servlet filter, the Logback appender, the JVM gauges and the timed {@code DataSource}.
 */
package dev.telemetry.examples.jetty;
