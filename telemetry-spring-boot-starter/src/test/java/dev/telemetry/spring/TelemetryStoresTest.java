package dev.telemetry.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.jdbc.Dialect;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class TelemetryStoresTest {
  @TempDir
  Path workingDirectory;

  @Test
  void theDefaultIsAnSqliteFileUnderTheWorkingDirectory() {
    try (TelemetryStore store = create(TelemetryProperties.DEFAULT_STORE, null)) {
      assertThat(store).isInstanceOfSatisfying(JdbcStore.class, s -> assertThat(s.dialect()).isEqualTo(Dialect.SQLITE));
      assertThat(workingDirectory.resolve("telemetry-data")).isDirectory();
    }
  }

  @Test
  void memoryIsTheInMemoryStore() {
    assertThat(create(" Memory ", null)).isInstanceOf(InMemoryStore.class);
  }

  @Test
  void datasourceUsesTheApplicationsSqliteOrPostgresDataSource() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + workingDirectory.resolve("app.db"));
    try (TelemetryStore store = create("datasource", dataSource)) {
      assertThat(store).isInstanceOfSatisfying(JdbcStore.class, s -> assertThat(s.dialect()).isEqualTo(Dialect.SQLITE));
    }
  }

  @Test
  void datasourceWithoutADataSourceSaysSo() {
    assertThatThrownBy(() -> create("datasource", null))
        .hasMessage("telemetry.store=datasource is invalid: the application has no DataSource bean");
  }

  @Test
  void postgresNeedsAJdbcUrlAndNeverEchoesIt() {
    assertThatThrownBy(() -> create("postgres:db:5432?password=hunter2", null))
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void sqliteNeedsAPath() {
    assertThatThrownBy(() -> create("sqlite:", null)).hasMessageContaining("sqlite: needs a file path");
  }

  private TelemetryStore create(String location, DataSource dataSource) {
    return TelemetryStores.create(location, workingDirectory, () -> dataSource);
  }
}
