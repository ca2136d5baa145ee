package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.store.StoreResult;
import dev.telemetry.testkit.StoreRows;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors name the setting, the value and the rule; construction never connects. */
class JdbcStoreBuilderTest {
  @TempDir
  Path dir;

  @Test
  void rejectsTablePrefixesThatAreNotPlainLowerCaseIdentifiers() {
    for (String bad : new String[] {"", "1abc", "Telemetry_", "t; DROP TABLE users; --", "t\"x", "a".repeat(33), "t-x"}) {
      assertThatThrownBy(() -> JdbcStore.builder().tablePrefix(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tablePrefix").hasMessageContaining("[a-z][a-z0-9_]{0,31}");
    }
    assertThat(JdbcStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("a.db")).tablePrefix("tm_").build().tablePrefix())
        .isEqualTo("tm_");
  }

  @Test
  void withoutAReadDataSourceTheReplicaViewIsTheStoreItself() {
    JdbcStore store = JdbcStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("a.db")).build();
    assertThat(store.forReads()).isSameAs(store);
    assertThatThrownBy(() -> JdbcStore.builder().readDataSource(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("readDataSource");
    JdbcStore withReplica = JdbcStore.builder().jdbcUrl("jdbc:sqlite:" + dir.resolve("a.db"))
        .readDataSource(new HikariDataSource()).build();
    assertThat(withReplica.forReads()).isNotSameAs(withReplica);
    store.close();
    withReplica.close();
  }

  @Test
  void requiresExactlyOneOfUrlAndDataSourceAndADialectWithADataSource() {
    assertThatThrownBy(() -> JdbcStore.builder().build()).hasMessageContaining("jdbcUrl and dataSource")
        .hasMessageContaining("neither");
    HikariDataSource ds = new HikariDataSource();
    assertThatThrownBy(() -> JdbcStore.builder().jdbcUrl("jdbc:sqlite:x.db").dataSource(ds).build())
        .hasMessageContaining("both");
    assertThatThrownBy(() -> JdbcStore.builder().dataSource(ds).build()).hasMessageContaining("dialect");
    assertThatThrownBy(() -> JdbcStore.builder().jdbcUrl("jdbc:mysql://db/x?password=secret").build())
        .hasMessageContaining("jdbcUrl").hasMessageContaining("jdbc:postgresql:").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> JdbcStore.builder().jdbcUrl("jdbc:sqlite:x.db").dialect(Dialect.POSTGRESQL).build())
        .hasMessageContaining("POSTGRESQL").hasMessageContaining("SQLITE");
  }

  @Test
  void namesTheDriverArtifactToAddWhenTheDriverIsMissing() {
    ClassLoader withoutDrivers = new URLClassLoader(new URL[0], null);
    assertThatThrownBy(() -> Dialect.SQLITE.requireDriver(withoutDrivers)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("org.xerial:sqlite-jdbc").hasMessageContaining("org.sqlite.JDBC");
    assertThatThrownBy(() -> Dialect.POSTGRESQL.requireDriver(null, withoutDrivers))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("org.postgresql:postgresql");
    assertThat(Dialect.SQLITE.requireDriver(withoutDrivers, getClass().getClassLoader())).isEqualTo("org.sqlite.JDBC");
  }

  @Test
  void rejectsPoolSettingsOutOfRange() {
    assertThatThrownBy(() -> JdbcStore.builder().maxPoolSize(0)).hasMessageContaining("maxPoolSize")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> JdbcStore.builder().connectionTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("connectionTimeout");
    assertThatThrownBy(() -> JdbcStore.builder().socketTimeout(Duration.ofHours(1))).hasMessageContaining("socketTimeout");
  }

  @Test
  void infersTheDialectFromTheUrlAndBuildsWithoutConnecting() {
    JdbcStore pg = JdbcStore.postgres("jdbc:postgresql://127.0.0.1:1/none?user=x");
    assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(pg.tablePrefix()).isEqualTo("telemetry_");
    pg.close();
  }

  @Test
  void runsOnTheHostsDataSourceWithoutClosingItAndTouchesOnlyItsOwnTables() throws Exception {
    HikariDataSource host = new HikariDataSource();
    host.setJdbcUrl("jdbc:sqlite:" + dir.resolve("host.db"));
    try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
      s.execute("INSERT INTO users (name) VALUES ('ada')");
    }
    JdbcStore store = JdbcStore.builder().dataSource(host).dialect(Dialect.SQLITE).build();
    StoreResult result = store.write(StoreRows.samples(StoreRows.counter("x_total", Instant.parse("2026-01-01T00:00:00Z"),
        "n", Map.of(), 1, 1)));
    assertThat(result.success()).isTrue();
    store.close();

    assertThat(host.isClosed()).isFalse();
    try (Connection c = host.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      java.util.List<String> tables = new java.util.ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables).contains("users").filteredOn(t -> !t.equals("users")).allMatch(t -> t.startsWith("telemetry_"));
    }
    host.close();
  }
}
