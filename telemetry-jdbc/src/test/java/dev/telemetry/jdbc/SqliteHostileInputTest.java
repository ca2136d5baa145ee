package dev.telemetry.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostileInputContract} on SQLite. */
class SqliteHostileInputTest extends HostileInputContract {
  @TempDir
  Path dir;

  @Override
  JdbcStore open() {
    return JdbcStore.sqlite(dir.resolve("telemetry.db"));
  }
}
