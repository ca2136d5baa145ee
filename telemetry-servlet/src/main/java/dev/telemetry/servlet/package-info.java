/**
 * Servlet instrumentation: {@link dev.telemetry.servlet.TelemetryFilter} for applications on any
 * Servlet 6 container (Jetty, Tomcat, Undertow) without Spring.
 */
package dev.telemetry.servlet;
