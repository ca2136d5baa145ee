package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ProbeResult;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcProbeTest {
  @Test
  void jdbcIsHealthyWhenTheConnectionIsValidAndDownWhenNot() throws Exception {
    List<String> calls = new ArrayList<>();
    assertThat(JdbcProbe.of(dataSource(calls, true, false), Duration.ofMillis(1500)).check().status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(calls).containsExactly("isValid(2)", "close");
    assertThat(JdbcProbe.of(dataSource(new ArrayList<>(), false, false), Duration.ofSeconds(1)).check())
        .isEqualTo(ProbeResult.down("connection not valid"));
  }

  @Test
  void jdbcFallsBackToSelectOneWhenIsValidIsNotSupported() throws Exception {
    List<String> calls = new ArrayList<>();
    assertThat(JdbcProbe.of(dataSource(calls, true, true), Duration.ofSeconds(3)).check().status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(calls).containsExactly("isValid(3)", "setQueryTimeout(3)", "execute(SELECT 1)", "close()", "close");
  }

  private static DataSource dataSource(List<String> calls, boolean valid, boolean isValidUnsupported) {
    Statement statement = (Statement) Proxy.newProxyInstance(JdbcProbeTest.class.getClassLoader(),
        new Class<?>[] {Statement.class}, (p, m, args) -> {
          calls.add(m.getName() + "(" + (args == null ? "" : args[0]) + ")");
          return m.getReturnType() == boolean.class ? true : null;
        });
    Connection connection = (Connection) Proxy.newProxyInstance(JdbcProbeTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, args) -> switch (m.getName()) {
          case "isValid" -> {
            calls.add("isValid(" + args[0] + ")");
            if (isValidUnsupported) {
              throw new SQLFeatureNotSupportedException("no");
            }
            yield valid;
          }
          case "createStatement" -> statement;
          case "close" -> {
            calls.add("close");
            yield null;
          }
          default -> throw new UnsupportedOperationException(m.getName());
        });
    return new DataSource() {
      @Override
      public Connection getConnection() {
        return connection;
      }

      @Override
      public Connection getConnection(String user, String password) {
        return connection;
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return null;
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("no");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }
}
