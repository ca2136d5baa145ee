package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HikariPoolSaturationTest {
  private static final Map<String, String> POOL = Map.of("pool", "main");

  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);

  @AfterEach
  void stop() {
    telemetry.close();
  }

  /** A pool bean with fixed numbers. */
  private static HikariPoolMXBean pool(int active, int idle, int waiting) {
    return new HikariPoolMXBean() {
      public int getIdleConnections() {
        return idle;
      }

      public int getActiveConnections() {
        return active;
      }

      public int getTotalConnections() {
        return active + idle;
      }

      public int getThreadsAwaitingConnection() {
        return waiting;
      }

      public void softEvictConnections() {}

      public void suspendPool() {}

      public void resumePool() {}
    };
  }

  @Test
  void samplesUtilisationActiveIdleMaxAndWaitingThreadsAtEachFlush() {
    AtomicReference<HikariPoolMXBean> bean = new AtomicReference<>();
    HikariPoolSaturation.register(telemetry, "main", bean::get, () -> 10);
    telemetry.flush();
    assertThat(BridgeFixtures.sample(store, StandardMetrics.DB_POOL_UTILIZATION, POOL).last())
        .as("a pool not started yet is empty").isZero();

    bean.set(pool(9, 1, 4));
    telemetry.flush();

    assertThat(BridgeFixtures.samples(store, StandardMetrics.DB_POOL_UTILIZATION))
        .extracting(s -> s.max()).containsOnly(0.9);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.ACTIVE, POOL).max()).isEqualTo(9);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.IDLE, POOL).max()).isEqualTo(1);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.MAX, POOL).last()).isEqualTo(10);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.PENDING, POOL).max()).isEqualTo(4);
  }

  @Test
  void readsARealHikariDataSource() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite::memory:");
    config.setPoolName("main");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      HikariPoolSaturation.register(telemetry, dataSource);
      try (Connection held = dataSource.getConnection()) {
        assertThat(held.isValid(1)).isTrue();
        telemetry.flush();
      }
    }

    assertThat(BridgeFixtures.sample(store, StandardMetrics.DB_POOL_UTILIZATION, POOL).max()).isEqualTo(0.25);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.ACTIVE, POOL).max()).isEqualTo(1);
    assertThat(BridgeFixtures.sample(store, HikariPoolSaturation.MAX, POOL).max()).isEqualTo(4);
  }
}
