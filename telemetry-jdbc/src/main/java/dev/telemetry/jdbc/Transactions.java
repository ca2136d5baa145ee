package dev.telemetry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One connection of the store's {@link DataSource} per unit of work, either inside one local
 * transaction or with auto-commit on. Plain JDBC: the store binds and maps by hand (ADR 0044).
 *
 * <p>{@link #inTransaction} commits when the work returns and rolls back when it throws (a failed
 * rollback is attached to the work's exception as suppressed), then puts the connection's
 * auto-commit back as it found it. A connection that comes with auto-commit off is still committed
 * or rolled back here: the unit of work never leaves an open transaction behind.
 */
final class Transactions {
  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws Exception;
  }

  private final DataSource dataSource;
  private final boolean readOnly;

  Transactions(DataSource dataSource) {
    this(dataSource, false);
  }

  /**
   * @param readOnly whether every unit of work runs on a connection set {@linkplain
   *     Connection#setReadOnly read-only} (PostgreSQL: {@code BEGIN READ ONLY}, so a write fails
   *     even where the DataSource could write), put back as found afterwards
   */
  Transactions(DataSource dataSource, boolean readOnly) {
    this.dataSource = dataSource;
    this.readOnly = readOnly;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T inTransaction(Work<T> work) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      if (!readOnly || c.isReadOnly()) {
        return inTransaction(c, work);
      }
      c.setReadOnly(true);
      T result;
      try {
        result = inTransaction(c, work);
      } catch (Throwable failure) {
        try {
          c.setReadOnly(false);
        } catch (SQLException restoreFailure) {
          failure.addSuppressed(restoreFailure);
        }
        throw failure;
      }
      c.setReadOnly(false);
      return result;
    }
  }

  private static <T> T inTransaction(Connection c, Work<T> work) throws Exception {
    boolean autoCommit = c.getAutoCommit();
    if (autoCommit) {
      c.setAutoCommit(false);
    }
    T result;
    try {
      result = work.run(c);
      c.commit();
    } catch (Throwable failure) {
      try {
        c.rollback();
        if (autoCommit) {
          c.setAutoCommit(true);
        }
      } catch (SQLException rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    }
    if (autoCommit) {
      c.setAutoCommit(true);
    }
    return result;
  }

  /**
   * Runs {@code work} with auto-commit on, each statement its own transaction: for statements that
   * cannot run inside one (SQLite's {@code VACUUM}, {@code PRAGMA journal_mode}).
   */
  <T> T withAutoCommit(Work<T> work) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (!autoCommit) {
        c.setAutoCommit(true);
      }
      T result;
      try {
        result = work.run(c);
      } catch (Throwable failure) {
        try {
          if (!autoCommit) {
            c.setAutoCommit(false);
          }
        } catch (SQLException restoreFailure) {
          failure.addSuppressed(restoreFailure);
        }
        throw failure;
      }
      if (!autoCommit) {
        c.setAutoCommit(false);
      }
      return result;
    }
  }
}
