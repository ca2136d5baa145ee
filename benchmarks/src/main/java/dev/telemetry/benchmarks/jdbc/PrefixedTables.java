package dev.telemetry.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Drops a measurement's tables: every PostgreSQL table starting with its random prefix, whatever the schema version. */
final class PrefixedTables {
  private PrefixedTables() {}

  static void drop(String url, String prefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix.replace("_", "\\_") + "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        if (t.startsWith(prefix) && t.matches("[a-z][a-z0-9_]*")) {
          s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
        }
      }
    }
  }
}
