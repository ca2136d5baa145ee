package dev.telemetry.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases tests run against. SQLite always; PostgreSQL only when
 * {@code TELEMETRY_TEST_POSTGRES_URL} is set, and then it must be reachable: a switched-on
 * PostgreSQL suite that cannot connect fails, it never skips.
 */
final class TestDatabases {
  static final String POSTGRES_URL_VARIABLE = "TELEMETRY_TEST_POSTGRES_URL";

  private TestDatabases() {}

  /** The PostgreSQL URL; skips the calling test when the variable is unset, fails when the server is unreachable. */
  static String requirePostgres() {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    assumeTrue(url != null && !url.isBlank(), POSTGRES_URL_VARIABLE + " is not set: PostgreSQL tests are off");
    try (Connection c = DriverManager.getConnection(url)) {
      return url;
    } catch (SQLException e) {
      throw new AssertionError(POSTGRES_URL_VARIABLE + " is set to " + url.replaceAll("\\?.*", "?…")
          + " but PostgreSQL is unreachable: " + e.getMessage(), e);
    }
  }

  /** A prefix no other test run uses, so runs sharing one database never collide. */
  static String uniquePrefix() {
    return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "_";
  }

  /** Drops every table starting with {@code prefix} (PostgreSQL). */
  static void dropPostgresTables(String url, String prefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        if (t.matches("[a-z][a-z0-9_]{0,62}") && t.startsWith(prefix)) {
          s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
        }
      }
    }
  }
}
