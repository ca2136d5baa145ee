package dev.telemetry.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts failures into "try again later" and "will fail again". Only errors the data or schema
 * cause are permanent (SQLSTATE classes 22 data, 23 integrity, 42 syntax/access, 0A unsupported);
 * lost or refused connections, timeouts, locks, serialization failures, a server shutting down
 * and anything unknown are retryable: the pipeline retries with backoff inside its memory budget,
 * so a wrong guess costs memory, never data.
 */
final class FailureKinds {
  /** SQLite's SQLITE_BUSY and SQLITE_LOCKED result codes. */
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;

  private FailureKinds() {}

  /** Whether the connection itself broke (SQLSTATE class 08): the same call on another connection may succeed. */
  static boolean isConnectionLoss(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  static boolean isRetryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        int code = sql.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
          return true;
        }
        String state = sql.getSQLState();
        if (state != null && state.length() >= 2) {
          String cls = state.substring(0, 2);
          if (cls.equals("22") || cls.equals("23") || cls.equals("42") || cls.equals("0A")) {
            return false;
          }
        }
      }
      if (t instanceof IllegalArgumentException) {
        return false; // a row the store cannot read or write, e.g. a corrupt sketch
      }
    }
    return true;
  }
}
