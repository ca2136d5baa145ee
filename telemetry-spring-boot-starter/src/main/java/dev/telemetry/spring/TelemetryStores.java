package dev.telemetry.spring;

import dev.telemetry.jdbc.Dialect;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Turns {@code telemetry.store} into a store: {@code memory}, {@code sqlite:PATH},
 * {@code postgres:JDBC_URL} or {@code datasource}. Every mistake is an {@link
 * IllegalStateException} naming the property, the value and what is accepted.
 */
final class TelemetryStores {
  static final String PROPERTY = "telemetry.store";
  private static final String ACCEPTED = "memory, sqlite:PATH, postgres:JDBC_URL or datasource";

  private TelemetryStores() {}

  /**
   * The store {@code location} names.
   *
   * @param workingDirectory what a relative SQLite path is resolved against
   * @param dataSource the application's DataSource, asked for only when {@code location} is
   *     {@code datasource}; may return null when there is none
   */
  static TelemetryStore create(String location, Path workingDirectory, Supplier<DataSource> dataSource) {
    String value = location == null ? "" : location.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("memory")) {
      return InMemoryStore.create();
    }
    if (lower.equals("datasource")) {
      return fromDataSource(dataSource.get());
    }
    if (lower.startsWith("sqlite:")) {
      String path = value.substring("sqlite:".length()).trim();
      if (path.isEmpty()) {
        throw invalid(value, "sqlite: needs a file path, e.g. sqlite:telemetry-data/telemetry.db");
      }
      requireDriver("org.sqlite.JDBC", "org.xerial:sqlite-jdbc", value);
      return JdbcStore.sqlite(workingDirectory.resolve(path));
    }
    if (lower.startsWith("postgres:")) {
      String url = value.substring("postgres:".length()).trim();
      if (!url.startsWith("jdbc:postgresql:")) {
        throw invalid("postgres:<url>", "postgres: needs a JDBC URL starting with jdbc:postgresql:");
      }
      requireDriver("org.postgresql.Driver", "org.postgresql:postgresql", "postgres:<url>");
      return JdbcStore.postgres(url);
    }
    throw invalid(value, "expected " + ACCEPTED);
  }

  private static TelemetryStore fromDataSource(DataSource dataSource) {
    if (dataSource == null) {
      throw invalid("datasource", "the application has no DataSource bean");
    }
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(PROPERTY + "=datasource: could not read the database's name from the "
          + "application's DataSource (" + e.getClass().getSimpleName() + ")", e);
    }
    Dialect dialect = switch (product == null ? "" : product.toLowerCase(Locale.ROOT)) {
      case "postgresql" -> Dialect.POSTGRESQL;
      case "sqlite" -> Dialect.SQLITE;
      default -> throw invalid("datasource", "the application's DataSource is " + product
          + "; the store needs PostgreSQL or SQLite (use " + ACCEPTED + " instead)");
    };
    return JdbcStore.builder().dataSource(dataSource).dialect(dialect).build();
  }

  private static void requireDriver(String driverClass, String artifact, String shown) {
    try {
      Class.forName(driverClass, false, TelemetryStores.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw invalid(shown, "the JDBC driver " + driverClass + " is not on the class path; add " + artifact);
    }
  }

  private static IllegalStateException invalid(String value, String rule) {
    return new IllegalStateException(PROPERTY + "=" + value + " is invalid: " + rule);
  }
}
