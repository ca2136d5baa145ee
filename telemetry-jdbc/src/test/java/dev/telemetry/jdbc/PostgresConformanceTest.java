package dev.telemetry.jdbc;

import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TelemetryStoreConformanceKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage conformance kit against PostgreSQL: skipped when {@code TELEMETRY_TEST_POSTGRES_URL}
 * is unset, failed when it is set and the server is unreachable. Each test gets its own table
 * prefix, dropped afterwards.
 */
class PostgresConformanceTest extends TelemetryStoreConformanceKit {
  private static String url;
  private String prefix;

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @Override
  protected TelemetryStore createStore() {
    prefix = TestDatabases.uniquePrefix();
    return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
  }

  /** A second node on the same database and tables, with its own pool. */
  @Override
  protected TelemetryStore secondNode() {
    return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
  }

  @AfterEach
  void dropTables() throws Exception {
    TestDatabases.dropPostgresTables(url, prefix);
  }
}
