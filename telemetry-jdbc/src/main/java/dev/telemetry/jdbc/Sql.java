package dev.telemetry.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC with bind parameters only: every value reaches the database as data. */
final class Sql {
  private Sql() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A typed SQL NULL (drivers need the type to bind a null to bytea, jsonb …). */
  record Null(int sqlType) {
    static final Null TEXT = new Null(Types.VARCHAR);
    static final Null BYTES = new Null(Types.BINARY);
    static final Null FLOAT = new Null(Types.DOUBLE);
  }

  static <T> List<T> query(Connection c, String sql, List<?> args, Row<T> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, 1, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  static int update(Connection c, String sql, List<?> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, 1, args);
      return ps.executeUpdate();
    }
  }

  /** Binds {@code args} from parameter {@code first}; returns the next free parameter index. */
  static int bind(PreparedStatement ps, int first, List<?> args) throws SQLException {
    int i = first;
    for (Object a : args) {
      set(ps, i++, a);
    }
    return i;
  }

  static void set(PreparedStatement ps, int i, Object a) throws SQLException {
    if (a == null) {
      ps.setNull(i, Types.VARCHAR);
    } else if (a instanceof Null n) {
      ps.setNull(i, n.sqlType());
    } else if (a instanceof String s) {
      ps.setString(i, s);
    } else if (a instanceof Long l) {
      ps.setLong(i, l);
    } else if (a instanceof Integer n) {
      ps.setInt(i, n);
    } else if (a instanceof Double d) {
      setDouble(ps, i, d);
    } else if (a instanceof byte[] b) {
      ps.setBytes(i, b);
    } else {
      throw new IllegalArgumentException("cannot bind " + a.getClass());
    }
  }

  /** NaN is stored as NULL: SQLite turns NaN into NULL anyway, so both dialects agree. */
  static void setDouble(PreparedStatement ps, int i, double d) throws SQLException {
    if (Double.isNaN(d)) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, d);
    }
  }

  /** Reads a nullable double column, NULL as NaN. */
  static double getDouble(ResultSet rs, String column) throws SQLException {
    double d = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : d;
  }

  /** {@code (?, ?, …)} with {@code n} parameters, each wrapped in {@code cast} when given (e.g. jsonb). */
  static String tuple(int n, String[] casts) {
    StringBuilder sb = new StringBuilder(n * 3 + 2).append('(');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String cast = casts == null ? null : casts[i];
      sb.append(cast == null ? "?" : "CAST(? AS " + cast + ")");
    }
    return sb.append(')').toString();
  }

  /** Escapes LIKE wildcards so a search string is matched literally (with {@code ESCAPE '\'}). */
  static String likeLiteral(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '%' || ch == '_' || ch == '\\') {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }
}
