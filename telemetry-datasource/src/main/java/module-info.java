/**
 * Statement timing for any JDBC {@link javax.sql.DataSource}: {@link
 * dev.telemetry.datasource.TimedDataSource}. (Not the SQL store, which is {@code telemetry-jdbc}.)
 */
module dev.telemetry.datasource {
  requires transitive dev.telemetry.core;
  requires transitive java.sql;

  exports dev.telemetry.datasource;
}
