package dev.telemetry.jdbc;

import static java.util.Objects.requireNonNull;

import dev.telemetry.health.HealthProbe;
import dev.telemetry.health.ProbeResult;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A {@link HealthProbe} for a host's database: {@code HealthMatrix.builder().service("postgresql",
 * JdbcProbe.of(dataSource, Duration.ofSeconds(2)))}. It lives beside the SQL stores so that core
 * needs no {@code java.sql}.
 */
public final class JdbcProbe {
  private JdbcProbe() {}

  /**
   * Borrows a connection and asks {@link Connection#isValid(int)} (falling back to {@code SELECT
   * 1} when the driver does not support it). Healthy when valid; down when invalid or when
   * anything throws (the matrix turns the exception into the detail).
   *
   * @param timeout passed to the driver, rounded up to whole seconds (at least 1)
   */
  public static HealthProbe of(DataSource dataSource, Duration timeout) {
    requireNonNull(dataSource, "dataSource");
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    return () -> {
      try (Connection c = dataSource.getConnection()) {
        boolean valid;
        try {
          valid = c.isValid(seconds);
        } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
          try (Statement st = c.createStatement()) {
            st.setQueryTimeout(seconds);
            st.execute("SELECT 1");
            valid = true;
          }
        }
        return valid ? ProbeResult.healthy("connection valid") : ProbeResult.down("connection not valid");
      }
    };
  }
}
