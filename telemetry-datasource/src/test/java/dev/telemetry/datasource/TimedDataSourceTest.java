package dev.telemetry.datasource;

import static dev.telemetry.contract.StandardMetrics.DB_QUERY_DURATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.testkit.RecordedSamples;
import dev.telemetry.testkit.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimedDataSourceTest {
  private final InMemoryStore store = InMemoryStore.create();
  private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
  private final JdbcDataSource h2 = new JdbcDataSource();
  private Telemetry telemetry;
  private DataSource timed;

  /** Every reading of this clock is 7 ms after the previous one: each statement takes exactly 7 ms. */
  private final Clock ticking = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      clock.advance(Duration.ofMillis(7));
      return clock.instant();
    }
  };

  @BeforeEach
  void start() throws SQLException {
    telemetry = Telemetry.builder().service("db-test").store(store).clock(clock).backgroundThreads(false)
        .closeOnShutdown(false).contract(StandardMetrics.addSaturation(MetricContract.builder()).build()).build();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    timed = TimedDataSource.builder(telemetry).clock(ticking).build().wrap(h2);
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table item (id int primary key, name varchar(20))");
    }
  }

  @AfterEach
  void stop() throws SQLException {
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("shutdown");
    }
    telemetry.close();
  }

  private Map<String, Double> countsBy(String label) {
    telemetry.flush();
    return RecordedSamples.totalsBy(store, DB_QUERY_DURATION, label);
  }

  @Test
  void timesEveryStatementByItsOperation() throws SQLException {
    try (Connection c = timed.getConnection()) {
      try (PreparedStatement insert = c.prepareStatement("/* seed */ insert into item values (?, ?)")) {
        for (int id = 1; id <= 3; id++) {
          insert.setInt(1, id);
          insert.setString(2, "n" + id);
          insert.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        try (ResultSet rows = s.executeQuery("-- all items\nSELECT count(*) FROM item")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(3);
        }
        s.executeUpdate("update item set name = 'x' where id = 1");
        s.execute("delete from item where id = 2");
        s.addBatch("insert into item values (10, 'a')");
        s.addBatch("insert into item values (11, 'b')");
        s.executeBatch();
        s.execute("create index item_name on item (name)");
      }
    }

    assertThat(countsBy("operation")).containsExactlyInAnyOrderEntriesOf(
        Map.of("insert", 4.0, "select", 1.0, "update", 1.0, "delete", 1.0, "other", 1.0));
    assertThat(countsBy("sqlstate_class")).containsExactlyEntriesOf(Map.of("00", 8.0));
    assertThat(RecordedSamples.merged(store, DB_QUERY_DURATION, Map.of("operation", "insert")).max())
        .isCloseTo(0.007, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void recordsAFailureBySqlStateClassAndRethrowsItUnchanged() throws SQLException {
    try (Connection c = timed.getConnection(); Statement s = c.createStatement()) {
      s.execute("insert into item values (1, 'a')");
      assertThatThrownBy(() -> s.execute("insert into item values (1, 'again')"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
      assertThatThrownBy(() -> s.executeQuery("selec nothing")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("42"));
    }

    telemetry.flush();
    assertThat(RecordedSamples.of(store, DB_QUERY_DURATION)).extracting(MetricSample::labels)
        .containsExactlyInAnyOrder(Map.of("operation", "insert", "sqlstate_class", "00"),
            Map.of("operation", "insert", "sqlstate_class", "23"),
            Map.of("operation", "other", "sqlstate_class", "42"));
  }

  @Test
  void keepsTheDriverReachableAndTheProxiesConsistent() throws SQLException {
    try (Connection c = timed.getConnection(); Statement s = c.createStatement()) {
      assertThat(s.getConnection()).isSameAs(c);
      assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(org.h2.jdbc.JdbcConnection.class);
      assertThat(timed.unwrap(JdbcDataSource.class)).isSameAs(h2);
      assertThat(c).isEqualTo(c).isNotEqualTo(h2.getConnection());
    }
  }

  @Test
  void refusesAContractWithoutTheQueryMetric() {
    try (Telemetry bare = Telemetry.builder().service("bare").store(InMemoryStore.create())
        .backgroundThreads(false).closeOnShutdown(false).contract(MetricContract.empty()).build()) {
      assertThatThrownBy(() -> TimedDataSource.wrap(h2, bare)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("StandardMetrics.addSaturation");
    }
  }

  @Test
  void neverThrowsIntoTheApplicationWhenTheClockFails() throws SQLException {
    Clock broken = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("clock broken");
      }
    };
    TimedDataSource timing = TimedDataSource.builder(telemetry).clock(broken).build();
    try (Connection c = timing.wrap(h2).getConnection(); Statement s = c.createStatement()) {
      assertThat(s.execute("insert into item values (5, 'e')")).isFalse();
    }
    assertThat(timing.failedRecords()).isEqualTo(1);
  }
}
