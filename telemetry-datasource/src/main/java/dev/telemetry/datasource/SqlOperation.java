package dev.telemetry.datasource;

/**
 * The operation of a SQL statement from its first keyword, skipping whitespace, {@code --} and
 * {@code /* *}{@code /} comments and opening parentheses. Scans at most the statement's prefix and
 * allocates nothing: it runs on every timed statement.
 */
final class SqlOperation {
  static final String SELECT = "select";
  static final String INSERT = "insert";
  static final String UPDATE = "update";
  static final String DELETE = "delete";
  static final String OTHER = "other";

  private SqlOperation() {}

  /** {@code select}, {@code insert}, {@code update}, {@code delete}, or {@code other} (null included). */
  static String of(String sql) {
    if (sql == null) {
      return OTHER;
    }
    int i = firstKeyword(sql);
    if (i < 0) {
      return OTHER;
    }
    if (isKeyword(sql, i, SELECT)) {
      return SELECT;
    }
    if (isKeyword(sql, i, INSERT)) {
      return INSERT;
    }
    if (isKeyword(sql, i, UPDATE)) {
      return UPDATE;
    }
    if (isKeyword(sql, i, DELETE)) {
      return DELETE;
    }
    return OTHER;
  }

  /** The index of the first character that is not whitespace, comment or {@code (}; -1 if none. */
  private static int firstKeyword(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code keyword} starts at {@code i} as a whole word, in any case. */
  private static boolean isKeyword(String sql, int i, String keyword) {
    int end = i + keyword.length();
    return sql.regionMatches(true, i, keyword, 0, keyword.length())
        && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_');
  }
}
