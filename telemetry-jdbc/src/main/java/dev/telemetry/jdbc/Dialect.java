package dev.telemetry.jdbc;

/** The SQL databases {@link JdbcStore} speaks. */
public enum Dialect {
  /**
   * PostgreSQL 13 or later, shared by every node of a cluster. With the TimescaleDB extension
   * installed in the database, the time-ordered tables become hypertables and retention drops
   * whole chunks.
   */
  POSTGRESQL,
  /** An embedded SQLite file in WAL mode: the default for persistent single-node use. */
  SQLITE;

  /** The dialect a JDBC URL names, or {@code null} when it names neither. */
  static Dialect ofUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    return null;
  }
}
