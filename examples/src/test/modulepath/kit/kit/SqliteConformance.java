package kit;

import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TelemetryStoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage conformance kit against an SQLite file, as a user's own store test would run it. */
public class SqliteConformance extends TelemetryStoreConformanceKit {
  @TempDir
  Path dir;

  @Override
  protected TelemetryStore createStore() {
    return JdbcStore.sqlite(dir.resolve("telemetry.db"));
  }

  @Override
  protected TelemetryStore secondNode() {
    return JdbcStore.sqlite(dir.resolve("telemetry.db"));
  }
}
