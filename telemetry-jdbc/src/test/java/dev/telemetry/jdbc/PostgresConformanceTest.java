package dev.telemetry.jdbc;

import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TelemetryStoreConformanceKit;
import org.junit.jupiter.api.AfterEach;

/** The storage conformance kit against PostgreSQL (when {@code TELEMETRY_TEST_POSTGRES_URL} is set). */
class PostgresConformanceTest extends TelemetryStoreConformanceKit {
  private String url;
  private String prefix;

  @Override
  protected TelemetryStore createStore() {
    url = TestDatabases.requirePostgres();
    prefix = TestDatabases.uniquePrefix();
    return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
  }

  @AfterEach
  void dropTables() throws Exception {
    if (prefix != null) {
      TestDatabases.dropPostgresTables(url, prefix);
    }
  }
}
