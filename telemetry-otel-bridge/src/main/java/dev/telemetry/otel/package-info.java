/** OpenTelemetry and Micrometer bridges into the telemetry store. */
package dev.telemetry.otel;
