/**
 * SQL stores for telemetry: {@link dev.telemetry.jdbc.JdbcStore} on PostgreSQL or an embedded
 * SQLite file.
 *
 * <p>The JDBC drivers are not required here: {@code java.sql.DriverManager} finds them as
 * {@code java.sql.Driver} services, so a driver jar on the module path is bound without a
 * {@code requires} (SQLite's {@code org.xerial.sqlitejdbc} declares the service, PostgreSQL's
 * automatic module {@code org.postgresql.jdbc} lists it in {@code META-INF/services}).
 */
module dev.telemetry.jdbc {
  requires transitive dev.telemetry.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;

  exports dev.telemetry.jdbc;
}
