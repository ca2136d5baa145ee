package dev.telemetry.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code INSERT INTO t (…) VALUES (…), (…), … [suffix]} in chunks, one round trip per chunk: the
 * fastest portable bulk write (PostgreSQL's {@code reWriteBatchedInserts} does the same, but only
 * for pools the driver configures; this works on the host's DataSource too).
 *
 * <p>Both SQLite and PostgreSQL cap bind parameters near 32,767, so a chunk holds at most
 * 30,000 parameters (and at most 1,000 rows).
 */
final class MultiRowInsert<T> {
  private static final int MAX_PARAMETERS = 30_000;
  private static final int MAX_ROWS = 1_000;

  /** Binds the {@code columns} parameters of one row starting at index {@code first}. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private final String head;
  private final String tuple;
  private final String suffix;
  private final int columns;
  private final int rowsPerStatement;
  private final Binder<T> binder;

  /**
   * @param casts per column, a type to cast the parameter to (e.g. {@code jsonb}) or {@code null}
   * @param suffix appended after the values, e.g. an {@code ON CONFLICT} clause, or empty
   */
  MultiRowInsert(String table, String[] columnNames, String[] casts, String suffix, Binder<T> binder) {
    this.columns = columnNames.length;
    this.head = "INSERT INTO " + table + " (" + String.join(", ", columnNames) + ") VALUES ";
    this.tuple = Sql.tuple(columns, casts);
    this.suffix = suffix.isEmpty() ? "" : " " + suffix;
    this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / columns));
    this.binder = binder;
  }

  /** Inserts every row; returns the update count reported by the database. */
  long insert(Connection c, List<T> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    long updated = 0;
    int full = rows.size() / rowsPerStatement;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql(rowsPerStatement))) {
        for (int chunk = 0; chunk < full; chunk++) {
          updated += execute(ps, rows, chunk * rowsPerStatement, rowsPerStatement);
        }
      }
    }
    int rest = rows.size() - full * rowsPerStatement;
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql(rest))) {
        updated += execute(ps, rows, full * rowsPerStatement, rest);
      }
    }
    return updated;
  }

  private int execute(PreparedStatement ps, List<T> rows, int from, int count) throws SQLException {
    int parameter = 1;
    for (int i = from; i < from + count; i++) {
      binder.bind(ps, parameter, rows.get(i));
      parameter += columns;
    }
    return ps.executeUpdate();
  }

  private String sql(int rows) {
    StringBuilder sb = new StringBuilder(head.length() + rows * (tuple.length() + 2) + suffix.length());
    sb.append(head);
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(tuple);
    }
    return sb.append(suffix).toString();
  }
}
