package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionReport;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MEASUREMENT, not a JMH benchmark: SQLite bytes on disk before and after retention deletes
 * {@code rows} business events and {@link JdbcStore#reclaimSpace()} runs, for a file the store
 * created ({@code auto_vacuum=INCREMENTAL}) and for a file created before it ({@code
 * auto_vacuum=NONE}, as every file made by earlier versions).
 *
 * <pre>
 * java -cp … dev.telemetry.benchmarks.jdbc.SqliteVacuumMeasurement [rows]
 * </pre>
 */
public final class SqliteVacuumMeasurement {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  private SqliteVacuumMeasurement() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("telemetry-vacuum");
    measure(dir.resolve("incremental.db"), rows, false);
    measure(dir.resolve("legacy.db"), rows, true);
  }

  private static void measure(Path file, int rows, boolean legacy) throws Exception {
    if (legacy) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE host_table (id INTEGER PRIMARY KEY)");
      }
    }
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    try (JdbcStore store = JdbcStore.builder().sqliteFile(file).clock(clock).build()) {
      long started = System.nanoTime();
      List<BusinessEvent> batch = new ArrayList<>(10_000);
      for (int i = 0; i < rows; i++) {
        batch.add(new BusinessEvent(T0.minusMillis(i * 50L), "link_processed", "subject-" + (i % 5_000),
            Map.of("domain", "example-" + (i % 200) + ".org", "status", i % 10 == 0 ? "failed" : "ok"),
            i % 10 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, i % 1_000, "svc", "node-a"));
        if (batch.size() == 10_000) {
          if (!store.write(new WriteBatch("b" + i, "node-a", List.of(), List.of(), List.of(), batch, List.of()))
              .success()) {
            throw new IllegalStateException("write failed");
          }
          batch = new ArrayList<>(10_000);
        }
      }
      store.reclaimSpace(); // checkpoints the WAL: the file then holds every page
      long writeMs = (System.nanoTime() - started) / 1_000_000;
      long before = onDisk(file);
      now.set(T0.plus(Duration.ofDays(31)));
      long t = System.nanoTime();
      RetentionReport report = RetentionJob.builder(store, clock, Duration.ofDays(30)).maxChunksPerKind(1_000)
          .build().runOnce();
      long retentionMs = (System.nanoTime() - t) / 1_000_000;
      long after = onDisk(file);
      System.out.printf("%s file (auto_vacuum=%s): %,d events written in %,d ms; on disk before %,d B; retention "
              + "deleted %,d events and reclaimed %,d B in %,d ms; on disk after %,d B; free pages left %,d B%n",
          legacy ? "pre-existing" : "new", legacy ? "NONE" : "INCREMENTAL", rows, writeMs, before,
          report.deleted().get(DataKind.EVENTS), report.reclaimedBytes(), retentionMs, after,
          store.stats().reclaimableBytes());
    }
  }

  private static long onDisk(Path file) throws Exception {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }
}
