package dev.telemetry.jdbc;

/** The SQL databases {@link JdbcStore} speaks. */
public enum Dialect {
  /**
   * PostgreSQL 13 or later, shared by every node of a cluster. With the TimescaleDB extension
   * installed in the database, the time-ordered tables become hypertables and retention drops
   * whole chunks.
   */
  POSTGRESQL("org.postgresql.Driver", "org.postgresql:postgresql"),
  /** An embedded SQLite file in WAL mode: the default for persistent single-node use. */
  SQLITE("org.sqlite.JDBC", "org.xerial:sqlite-jdbc");

  private final String driverClass;
  private final String driverArtifact;

  Dialect(String driverClass, String driverArtifact) {
    this.driverClass = driverClass;
    this.driverArtifact = driverArtifact;
  }

  /**
   * The driver class, after checking it is on one of {@code loaders} (the loaders the pool loads
   * it from); fails with a message naming the Maven artifact to add otherwise. The drivers are
   * optional dependencies of this module, so a host that forgets one learns it at build time,
   * not as "No suitable driver" on the first flush.
   */
  String requireDriver(ClassLoader... loaders) {
    for (ClassLoader loader : loaders) {
      if (loader == null) {
        continue;
      }
      try {
        Class.forName(driverClass, false, loader);
        return driverClass;
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    throw new IllegalStateException("the " + this + " JDBC driver (" + driverClass + ") is not on the class path: "
        + "add the dependency " + driverArtifact + " to the application");
  }

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
