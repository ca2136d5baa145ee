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
  requires org.jdbi.v3.core;
  // Jdbi is an automatic module and declares no requires, so nothing would resolve its dependency
  // geantyref (a named module) and Jdbi would fail with NoClassDefFoundError on the module path
  requires io.leangen.geantyref;

  exports dev.telemetry.jdbc;
}
