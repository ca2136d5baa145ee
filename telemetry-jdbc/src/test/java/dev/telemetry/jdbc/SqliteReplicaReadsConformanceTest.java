package dev.telemetry.jdbc;

import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TelemetryStoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The storage conformance kit against {@link JdbcStore#forReads()}: every read through a second
 * DataSource on the same SQLite file (a replica without lag), every write through the store.
 */
class SqliteReplicaReadsConformanceTest extends TelemetryStoreConformanceKit {
  @TempDir
  Path dir;

  @Override
  protected TelemetryStore createStore() {
    return replicaView(dir.resolve("telemetry.db"));
  }

  @Override
  protected TelemetryStore secondNode() {
    return replicaView(dir.resolve("telemetry.db"));
  }

  static TelemetryStore replicaView(Path file) {
    SQLiteDataSource replica = new SQLiteDataSource();
    replica.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    replica.setBusyTimeout(5_000);
    JdbcStore store = JdbcStore.builder().sqliteFile(file).readDataSource(replica).build();
    return new ForwardingStore(store.forReads()) {
      @Override
      public void close() {
        store.close();
      }
    };
  }
}
