package dev.telemetry.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** {@link HostileInputContract} on PostgreSQL (when {@code TELEMETRY_TEST_POSTGRES_URL} is set). */
class PostgresHostileInputTest extends HostileInputContract {
  private static String url;
  private final String prefix = TestDatabases.uniquePrefix();

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @Override
  JdbcStore open() {
    return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
  }

  @AfterEach
  void dropTables() throws Exception {
    TestDatabases.dropPostgresTables(url, prefix);
  }
}
