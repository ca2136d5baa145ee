package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What PostgreSQL says about the store's size (skipped without {@code TELEMETRY_TEST_POSTGRES_URL}). */
class PostgresStatsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static String url;
  private final String prefix = TestDatabases.uniquePrefix();

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @AfterEach
  void dropTables() throws Exception {
    TestDatabases.dropPostgresTables(url, prefix);
  }

  @Test
  void reportsTheDatabaseSizeAndBytesPerTableAndGivesNothingBackItself() {
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build()) {
      List<BusinessEvent> events = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        events.add(new BusinessEvent(T0.minusSeconds(i), "signup", "s" + i, Map.of("tier", "pro"), Outcome.SUCCESS, i,
            "svc", "node-a"));
      }
      assertThat(store.write(new WriteBatch("b", "node-a", List.of(), List.of(), List.of(), events, List.of()))
          .success()).isTrue();

      StoreStats stats = store.stats();

      assertThat(stats.store()).isEqualTo("postgresql");
      assertThat(stats.reclaimableBytes()).isNull();
      StoreStats.TableStats table = stats.tables().stream().filter(t -> t.name().equals(prefix + "events"))
          .findFirst().orElseThrow();
      assertThat(table.rows()).isEqualTo(2_000L);
      assertThat(table.bytes()).isGreaterThan(2_000L * 50);
      assertThat(stats.databaseBytes()).isGreaterThan(table.bytes());
      assertThat(stats.tables()).hasSize(new Tables(prefix).all().size()).allSatisfy(t -> assertThat(t.bytes()).isNotNull());
      assertThat(store.reclaimSpace()).isZero();
    }
  }
}
