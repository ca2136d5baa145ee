/** SQL stores (PostgreSQL, SQLite) for telemetry. */
package dev.telemetry.jdbc;
