package dev.telemetry.jdbc;

import dev.telemetry.store.SharedValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <prefix>shared} table (ADR 0058): one row per name, taken over with one conditional
 * upsert, so two nodes racing for an ended lease cannot both win: the database applies the
 * {@code WHERE} of {@code ON CONFLICT DO UPDATE} to the row as the winner left it.
 */
final class SharedValues {
  private final Tables tables;

  SharedValues(Tables tables) {
    this.tables = tables;
  }

  Optional<SharedValue> read(Connection c, String name) throws SQLException {
    return Sql.query(c, "SELECT holder, written_at, lease_until, payload FROM " + tables.shared + " WHERE name = ?",
        List.of(name), rs -> new SharedValue(name, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
            Instant.ofEpochMilli(rs.getLong(3)), rs.getBytes(4))).stream().findFirst();
  }

  /** Whether the row was written: new, held by the same node, or its lease ended by {@code writtenAt}. */
  boolean write(Connection c, SharedValue v) throws SQLException {
    String t = tables.shared;
    return Sql.update(c, "INSERT INTO " + t + " (name, holder, written_at, lease_until, payload) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, written_at = excluded.written_at,"
        + " lease_until = excluded.lease_until, payload = excluded.payload"
        + " WHERE " + t + ".holder = excluded.holder OR " + t + ".lease_until <= excluded.written_at",
        List.of(v.name(), v.holder(), v.writtenAt().toEpochMilli(), v.leaseUntil().toEpochMilli(), v.payload())) == 1;
  }
}
