package dev.telemetry.jdbc;

import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TelemetryStoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage conformance kit against an SQLite file. */
class SqliteConformanceTest extends TelemetryStoreConformanceKit {
  @TempDir
  Path dir;

  @Override
  protected TelemetryStore createStore() {
    return JdbcStore.sqlite(dir.resolve("telemetry.db"));
  }

  /** A second process on the same file. */
  @Override
  protected TelemetryStore secondNode() {
    return JdbcStore.sqlite(dir.resolve("telemetry.db"));
  }
}
