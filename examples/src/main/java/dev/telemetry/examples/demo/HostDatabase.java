package dev.telemetry.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The demo app's own database (H2 in memory): the host data a page reads rather than the
 * telemetry store, here the invite codes an admin created, with the tier each grants and how
 * often each may be used. Redemptions are business events the library counts; the codes
 * themselves are rows the host owns.
 */
final class HostDatabase {
  /** An invite code as the app stores it. */
  record InviteCode(String code, String tier, int maxUses, Instant createdAt) {}

  private final JdbcDataSource dataSource;

  private HostDatabase(JdbcDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A fresh database with the app's schema and the codes its admins created at launch. */
  static HostDatabase create(Clock clock) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:demo-app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    HostDatabase db = new HostDatabase(ds);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE invite_codes (code VARCHAR(32) PRIMARY KEY, tier VARCHAR(16) NOT NULL, "
          + "max_uses INT NOT NULL, created_at TIMESTAMP NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the demo app database", e);
    }
    Instant now = clock.instant();
    db.addInviteCode(new InviteCode("LAUNCH1", "pro", 500, now.minus(Duration.ofDays(40))));
    db.addInviteCode(new InviteCode("LAUNCH2", "pro", 250, now.minus(Duration.ofDays(20))));
    db.addInviteCode(new InviteCode("LAUNCH3", "enterprise", 200, now.minus(Duration.ofDays(9))));
    return db;
  }

  DataSource dataSource() {
    return dataSource;
  }

  void addInviteCode(InviteCode code) {
    update("INSERT INTO invite_codes (code, tier, max_uses, created_at) VALUES (?, ?, ?, ?)", code.code(),
        code.tier(), code.maxUses(), Timestamp.from(code.createdAt()));
  }

  void setMaxUses(String code, int maxUses) {
    update("UPDATE invite_codes SET max_uses = ? WHERE code = ?", maxUses, code);
  }

  /** Every invite code, by code. */
  List<InviteCode> inviteCodes() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT code, tier, max_uses, created_at FROM invite_codes ORDER BY code")) {
      List<InviteCode> codes = new ArrayList<>();
      while (rs.next()) {
        codes.add(new InviteCode(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()));
      }
      return codes;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read invite codes: " + e.getMessage(), e);
    }
  }

  private void update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("demo app database: " + e.getMessage(), e);
    }
  }
}
