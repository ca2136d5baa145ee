package dev.telemetry.benchmarks.jdbc;

import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RetentionJob.RetentionReport;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MEASUREMENT, not a JMH benchmark: SQLite bytes on disk before and after retention deletes
 * {@code rows} business events and {@link JdbcStore#reclaimSpace()} runs, for a file the store
 * created ({@code auto_vacuum=INCREMENTAL}) and for a file created before it ({@code
 * auto_vacuum=NONE}, as every file made by earlier versions).
 *
 * Before deleting, it also times the reads that scan (store stats, event types, event analytics),
 * and with a PostgreSQL URL does the same there.
 *
 * <pre>
 * java -cp … dev.telemetry.benchmarks.jdbc.SqliteVacuumMeasurement [rows] [postgresJdbcUrl]
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
    if (args.length > 1) {
      measurePostgres(args[1], rows);
    }
  }

  /** The same reads on PostgreSQL ({@code args[1]} a JDBC URL), tables under a random prefix, dropped after. */
  private static void measurePostgres(String url, int rows) throws Exception {
    String prefix = "vac" + Long.toHexString(System.nanoTime()) + "_";
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build()) {
      long t = System.nanoTime();
      write(store, rows);
      System.out.printf("postgresql: %,d events written in %,d ms; database %,d B%n", rows,
          (System.nanoTime() - t) / 1_000_000, store.stats().databaseBytes());
      timeReads(store, clock);
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        for (String table : List.of("samples_minute", "samples_hour", "samples_day", "logs", "traces", "events",
            "heartbeats", "watermarks", "applied_batches", "schema_history")) {
          s.execute("DROP TABLE IF EXISTS " + prefix + table);
        }
      }
    }
  }

  private static void write(JdbcStore store, int rows) {
    List<BusinessEvent> batch = new ArrayList<>(10_000);
    for (int i = 0; i < rows; i++) {
      batch.add(event(i));
      if (batch.size() == 10_000) {
        if (!store.write(new WriteBatch("b" + i, "node-a", List.of(), List.of(), List.of(), batch, List.of()))
            .success()) {
          throw new IllegalStateException("write failed");
        }
        batch = new ArrayList<>(10_000);
      }
    }
  }

  private static BusinessEvent event(int i) {
    return new BusinessEvent(T0.minusMillis(i * 50L), "link_processed", "subject-" + (i % 5_000),
        Map.of("domain", "example-" + (i % 200) + ".org", "status", i % 10 == 0 ? "failed" : "ok"),
        i % 10 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, i % 1_000, "svc", "node-a");
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
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    try (JdbcStore store = JdbcStore.builder().sqliteFile(file).clock(clock).build()) {
      long started = System.nanoTime();
      write(store, rows);
      store.reclaimSpace(); // checkpoints the WAL: the file then holds every page
      long writeMs = (System.nanoTime() - started) / 1_000_000;
      long before = onDisk(file);
      if (!legacy) {
        timeReads(store, clock);
      }
      now.set(T0.plus(Duration.ofDays(31)));
      long[] reclaimNanos = new long[1];
      TelemetryStore timed = new ForwardingStore(store) {
        @Override
        public long reclaimSpace() {
          long s = System.nanoTime();
          long bytes = super.reclaimSpace();
          reclaimNanos[0] = System.nanoTime() - s;
          return bytes;
        }
      };
      long t = System.nanoTime();
      RetentionReport report = RetentionJob.builder(timed, clock, Duration.ofDays(30)).maxChunksPerKind(1_000)
          .build().runOnce();
      long retentionMs = (System.nanoTime() - t) / 1_000_000;
      long after = onDisk(file);
      System.out.printf("%s file (auto_vacuum=%s): %,d events written in %,d ms; on disk before %,d B; retention "
              + "deleted %,d events and reclaimed %,d B in %,d ms (of which reclaimSpace %,d ms); on disk after %,d B; free pages left %,d B%n",
          legacy ? "pre-existing" : "new", legacy ? "NONE" : "INCREMENTAL", rows, writeMs, before,
          report.deleted().get(DataKind.EVENTS), report.reclaimedBytes(), retentionMs, reclaimNanos[0] / 1_000_000, after,
          store.stats().reclaimableBytes());
    }
  }

  /** Median of 5 timed calls (after one warm-up) of the reads that scan: stats, event types, analytics. */
  static void timeReads(TelemetryStore store, Clock clock) {
    EventQueries events = EventQueries.builder(store, clock, Duration.ofDays(30)).build();
    QueryRange month = QueryRange.last(TimeRange.LAST_30_DAYS);
    QueryRange day = QueryRange.last(TimeRange.LAST_24_HOURS);
    System.out.printf("  stats(): %.1f ms; readEventTypes(30 d): %.1f ms; events(24 h, by domain, compare): %.1f ms;"
            + " events(30 d, by domain, 100,000-row cap): %.1f ms%n",
        median(store::stats), median(() -> store.readEventTypes(clock.instant().minus(Duration.ofDays(30)),
            clock.instant(), 100)),
        median(() -> events.analyze(EventAnalyticsQuery.of("link_processed", day).by("domain")
            .comparedWithPreviousPeriod())),
        median(() -> events.analyze(EventAnalyticsQuery.of("link_processed", month).by("domain"))));
  }

  private static double median(Runnable r) {
    r.run();
    double[] ms = new double[5];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[2];
  }

  private static long onDisk(Path file) throws Exception {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }
}
