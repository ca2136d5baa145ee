package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class TransactionsTest {
  @TempDir
  Path dir;
  private SQLiteDataSource dataSource;
  private Transactions transactions;

  @BeforeEach
  void createTable() throws Exception {
    dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
    transactions = new Transactions(dataSource);
    transactions.withAutoCommit(c -> execute(c, "CREATE TABLE t (v INTEGER)"));
  }

  @Test
  void commitsWhatTheWorkDidWhenItReturns() throws Exception {
    int result = transactions.inTransaction(c -> {
      execute(c, "INSERT INTO t VALUES (1)");
      execute(c, "INSERT INTO t VALUES (2)");
      return 7;
    });

    assertThat(result).isEqualTo(7);
    assertThat(values()).containsExactly(1L, 2L);
  }

  @Test
  void rollsBackEverythingAndRethrowsWhenTheWorkThrows() throws Exception {
    IllegalStateException failure = new IllegalStateException("boom");

    assertThatThrownBy(() -> transactions.inTransaction(c -> {
      execute(c, "INSERT INTO t VALUES (1)");
      throw failure;
    })).isSameAs(failure);
    assertThat(values()).isEmpty();
  }

  @Test
  void hasTheDatabaseErrorAsTheFailure() {
    assertThatThrownBy(() -> transactions.inTransaction(c -> execute(c, "INSERT INTO missing VALUES (1)")))
        .isInstanceOf(SQLException.class).hasMessageContaining("missing");
  }

  @Test
  void runsEachUnitOfWorkInsideATransactionAndLeavesAutoCommitAsItFoundIt() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      Transactions onOneConnection = new Transactions(new SingleConnection(c));

      boolean autoCommitInside = onOneConnection.inTransaction(Connection::getAutoCommit);

      assertThat(autoCommitInside).isFalse();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void commitsOnAConnectionThatComesWithAutoCommitOff() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Transactions onOneConnection = new Transactions(new SingleConnection(c));

      onOneConnection.inTransaction(tx -> execute(tx, "INSERT INTO t VALUES (3)"));

      assertThat(c.getAutoCommit()).isFalse();
    }
    assertThat(values()).containsExactly(3L);
  }

  @Test
  void runsStatementsThatCannotRunInATransactionOnAConnectionThatComesWithAutoCommitOff() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Transactions onOneConnection = new Transactions(new SingleConnection(c));

      onOneConnection.withAutoCommit(tx -> execute(tx, "VACUUM"));

      assertThat(c.getAutoCommit()).isFalse();
    }
  }

  private List<Long> values() throws Exception {
    return transactions.withAutoCommit(c -> Sql.query(c, "SELECT v FROM t ORDER BY v", List.of(), rs -> rs.getLong(1)));
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  /** Hands out one open connection and never closes it, so a test can look at it afterwards. */
  private static final class SingleConnection extends SQLiteDataSource {
    private final Connection connection;

    SingleConnection(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
              : invoke(method, args));
    }

    private Object invoke(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
