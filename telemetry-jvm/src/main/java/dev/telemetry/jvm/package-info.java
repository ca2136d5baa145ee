/** JVM and process gauges: {@link dev.telemetry.jvm.JvmMetrics}. */
package dev.telemetry.jvm;
