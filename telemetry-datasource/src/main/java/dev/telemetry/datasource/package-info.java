/**
 * JDBC instrumentation: {@link dev.telemetry.datasource.TimedDataSource} wraps the application's
 * {@code DataSource} and times its statements into {@code db_query_duration_seconds}.
 */
package dev.telemetry.datasource;
