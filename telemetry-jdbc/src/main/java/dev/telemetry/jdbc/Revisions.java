package dev.telemetry.jdbc;

import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The store's {@code rollupRevision} (ADR 0049): one row, {@code name = 'rollups'}, given a fresh
 * random 64-bit value in the transaction of every change to hour or day samples, so every node
 * sharing the database sees it change when any of them repairs, rolls up or deletes such rows. A
 * random value needs no coordination across nodes and never repeats in practice (2⁻⁶⁴), as the
 * dirty-bucket versions (ADR 0012). Bumped last in its transaction, after the sample rows and the
 * marks, so every writer locks rows in one order.
 */
final class Revisions {
  private static final String ROLLUPS = "rollups";

  private final Tables tables;

  Revisions(Tables tables) {
    this.tables = tables;
  }

  /** The current value; 0 before the first change. */
  long read(Connection c) throws SQLException {
    List<Long> v = Sql.query(c, "SELECT value FROM " + tables.revisions + " WHERE name = ?", List.of(ROLLUPS),
        rs -> rs.getLong(1));
    return v.isEmpty() ? 0 : v.get(0);
  }

  /** Bumps the revision when any of {@code changed} is an hour or day sample. */
  void bumpIfRolled(Connection c, List<MetricSample> changed) throws SQLException {
    for (MetricSample s : changed) {
      if (s.resolution() != Resolution.MINUTE) {
        bump(c);
        return;
      }
    }
  }

  void bump(Connection c) throws SQLException {
    long next = ThreadLocalRandom.current().nextLong();
    Sql.update(c, "INSERT INTO " + tables.revisions + " (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
        + "SET value = excluded.value", List.of(ROLLUPS, next == 0 ? 1 : next));
  }
}
