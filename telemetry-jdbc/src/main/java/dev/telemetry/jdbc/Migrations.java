package dev.telemetry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Brings the library's tables to {@link Schema#LATEST}, recording each applied version in the
 * library's own history table ({@code <prefix>schema_history}), never the host's.
 *
 * <p>All versions run in one transaction. On PostgreSQL a transaction-scoped advisory lock keyed
 * by the prefix makes nodes that start together take turns (DDL is transactional there, so the
 * loser sees the winner's history and does nothing); on SQLite the write lock does the same.
 */
final class Migrations {
  private Migrations() {}

  /** Applies what is missing; returns whether the tables are TimescaleDB hypertables. */
  static boolean migrate(Transactions transactions, Dialect dialect, Tables tables, Clock clock) throws Exception {
    if (dialect == Dialect.SQLITE) {
      // journal_mode is a property of the file and cannot change inside a transaction.
      transactions.withAutoCommit(c -> {
        // A new file gets auto_vacuum=INCREMENTAL so retention can give deleted rows' pages back
        // (ADR 0016). The setting only changes by a VACUUM once the file has a header, which the
        // pool's journal_mode=WAL has already written; on a file without tables that VACUUM is
        // instant. A file that already has tables is left alone (docs/operations.md).
        if (Sql.query(c, "SELECT COUNT(*) FROM sqlite_master", List.of(), rs -> rs.getLong(1)).get(0) == 0) {
          execute(c, "PRAGMA auto_vacuum=INCREMENTAL");
          execute(c, "VACUUM");
        }
        execute(c, "PRAGMA journal_mode=WAL");
        return null;
      });
    }
    return transactions.inTransaction(c -> {
      if (dialect == Dialect.POSTGRESQL) {
        Sql.query(c, "SELECT pg_advisory_xact_lock(?)", List.of(lockKey(tables.prefix)), rs -> null);
      }
      execute(c, "CREATE TABLE IF NOT EXISTS " + tables.history
          + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      long current = Sql.query(c, "SELECT COALESCE(MAX(version), 0) FROM " + tables.history, List.of(),
          rs -> rs.getLong(1)).get(0);
      boolean timescale = dialect == Dialect.POSTGRESQL && hasTimescale(c);
      for (int version = (int) current + 1; version <= Schema.LATEST; version++) {
        for (String statement : Schema.statements(version, dialect, tables)) {
          execute(c, statement);
        }
        if (version == 1 && timescale) {
          createHypertables(c, tables);
        }
        Sql.update(c, "INSERT INTO " + tables.history + " (version, description, applied_at) VALUES (?, ?, ?)",
            List.of(version, "telemetry schema v" + version, clock.millis()));
      }
      return timescale && isHypertable(c, tables.logs);
    });
  }

  private static boolean hasTimescale(Connection c) throws SQLException {
    return !Sql.query(c, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'", List.of(), rs -> 1).isEmpty();
  }

  private static void createHypertables(Connection c, Tables tables) throws SQLException {
    for (String[] table : Schema.hypertables(tables)) {
      // One chunk per day of epoch milliseconds: retention drops whole days.
      Sql.query(c, "SELECT create_hypertable(CAST(? AS regclass), ?, chunk_time_interval => CAST(? AS bigint), "
          + "if_not_exists => true)", List.of(table[0], table[1], 86_400_000L), rs -> null);
    }
  }

  private static boolean isHypertable(Connection c, String table) throws SQLException {
    return !Sql.query(c, "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = ?",
        List.of(table), rs -> 1).isEmpty();
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A stable 64-bit key per prefix, so stores with different prefixes never wait on each other. */
  static long lockKey(String prefix) {
    long h = 0x6a09e667f3bcc908L;
    for (int i = 0; i < prefix.length(); i++) {
      h = (h ^ prefix.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
