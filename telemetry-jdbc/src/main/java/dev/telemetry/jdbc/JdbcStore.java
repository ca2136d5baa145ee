package dev.telemetry.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Page.Cursor;
import dev.telemetry.store.DataKind;
import dev.telemetry.store.DirtyBucket;
import dev.telemetry.store.EventDayRollup;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Page;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.SharedValue;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * A {@link TelemetryStore} in PostgreSQL (shared by every node of a cluster) or in an embedded
 * SQLite file. It owns only tables starting with its prefix (default {@code telemetry_}) and keeps
 * its schema version in its own history table.
 *
 * <pre>{@code
 * TelemetryStore local = JdbcStore.sqlite(Path.of("data/telemetry.db"));
 * TelemetryStore shared = JdbcStore.postgres("jdbc:postgresql://db:5432/app?user=app");
 * TelemetryStore onHostPool = JdbcStore.builder()
 *     .dataSource(hostDataSource).dialect(Dialect.POSTGRESQL).tablePrefix("telemetry_").build();
 * }</pre>
 *
 * <p>Construction never touches the database: a host can start while the database is down. The
 * schema is created or migrated on first use, and again on each later use until that succeeds;
 * meanwhile writes report retryable failures (the pipeline keeps and retries their batches) and
 * reads throw {@link StoreException}.
 *
 * <p>Each {@link #write} is one transaction that first records the batch id: a batch already
 * applied commits nothing. Samples with the same key are merged (counts and sums add, min/max
 * combine, sketches merge), and the hour of each minute sample is marked dirty in
 * {@code <prefix>dirty_buckets} so the rollup job re-merges hours a late batch reaches (ADR 0012).
 * A node name must be written by one process at a time.
 */
public final class JdbcStore implements TelemetryStore {
  private static final int READ_ATTEMPTS = 3;
  private final Dialect dialect;
  private final Tables tables;
  private final Clock clock;
  private final Transactions transactions;
  /** Every read of {@link #forReads()}: the read DataSource, else the primary's. */
  private final Reads primaryReads;
  private final TelemetryStore replicaReads;
  private final HikariDataSource ownPool;
  private final SampleTables samples;
  private final RowTables rows;
  private final DirtyBuckets dirty;
  private final EventDayTable eventDays;
  private final Revisions revisions;
  private final SharedValues shared;
  private final StoreIntrospection introspection;
  private final Object migrationLock = new Object();
  /** The SQLite file's directory, created on first use if the builder could not create it yet. */
  private final Path sqliteDirectory;
  private volatile boolean migrated;
  private volatile boolean hypertables;

  private JdbcStore(Builder b, DataSource dataSource, HikariDataSource ownPool) {
    this.dialect = b.dialect;
    this.tables = new Tables(b.tablePrefix);
    this.clock = b.clock;
    this.ownPool = ownPool;
    this.transactions = new Transactions(dataSource);
    this.samples = new SampleTables(dialect, tables);
    this.rows = new RowTables(dialect, tables);
    this.dirty = new DirtyBuckets(tables);
    this.eventDays = new EventDayTable(dialect, tables);
    this.revisions = new Revisions(tables);
    this.shared = new SharedValues(tables);
    this.introspection = new StoreIntrospection(dialect, tables);
    this.sqliteDirectory = b.sqliteDirectory;
    this.primaryReads = new Reads(transactions);
    this.replicaReads = b.readDataSource == null ? this
        : new ReplicaReads(this, new Reads(new Transactions(b.readDataSource, dialect == Dialect.POSTGRESQL)));
  }

  /**
   * A store in an SQLite file (created with its directories if missing), WAL mode, own pool. A
   * directory that cannot be created yet (a read-only or full disk) is tried again on every use,
   * like a database that is down.
   */
  public static JdbcStore sqlite(Path file) {
    return builder().sqliteFile(file).build();
  }

  /** A store in PostgreSQL with its own pool, e.g. {@code jdbc:postgresql://db:5432/app?user=app}. */
  public static JdbcStore postgres(String jdbcUrl) {
    return builder().jdbcUrl(jdbcUrl).build();
  }

  /** Configures a store; {@link Builder#build()} validates every setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** The database this store speaks to. */
  public Dialect dialect() {
    return dialect;
  }

  /** The prefix of every table the store owns. */
  public String tablePrefix() {
    return tables.prefix;
  }

  /** Whether the tables are TimescaleDB hypertables (known after the schema was first reached). */
  public boolean usesHypertables() {
    return hypertables;
  }

  /**
   * This store with every read served by the {@linkplain Builder#readDataSource read DataSource}
   * (a read replica) and every write, rollup, retention delete and migration sent to the primary
   * (ADR 0054). {@code Telemetry} uses it for the dashboard's queries, summary, event analytics and
   * freshness, and keeps this store for its pipeline, rollups and retention: the rollup job must
   * read the minutes it merges from the primary. Without a read DataSource, this store itself.
   * Closing the view closes nothing.
   *
   * <pre>{@code
   * JdbcStore store = JdbcStore.builder().dataSource(primary).readDataSource(replica)
   *     .dialect(Dialect.POSTGRESQL).build();
   * Telemetry telemetry = Telemetry.builder().store(store)...build(); // reads go to the replica
   * }</pre>
   */
  @Override
  public TelemetryStore forReads() {
    return replicaReads;
  }

  @Override
  public StoreResult write(WriteBatch batch) {
    requireNonNull(batch, "batch");
    return update("write batch " + batch.batchId(), c -> {
      if (rows.claimBatch(c, batch.batchId(), clock.millis())) {
        samples.merge(c, batch.samples());
        rows.insertLogs(c, batch.logs());
        rows.insertTraces(c, batch.traces());
        rows.insertEvents(c, batch.events());
        rows.upsertHeartbeats(c, batch.heartbeats());
        // last, so the hot mark of the current hour is locked only until the commit
        dirty.markCoarser(c, batch.samples());
        revisions.bumpIfRolled(c, batch.samples());
      }
    });
  }

  @Override
  public StoreResult replaceSamples(List<MetricSample> replacements) {
    List<MetricSample> copy = List.copyOf(replacements);
    return update("replace " + copy.size() + " samples", c -> {
      samples.replace(c, copy);
      dirty.markCoarser(c, copy);
      revisions.bumpIfRolled(c, copy);
    });
  }

  @Override
  public StoreResult markDirty(Resolution resolution, Instant bucketStart) {
    DirtyBucket checked = new DirtyBucket(resolution, bucketStart, 0);
    return update("mark " + resolution + " " + bucketStart + " dirty",
        c -> dirty.mark(c, checked.resolution(), checked.bucketStart()));
  }

  @Override
  public List<DirtyBucket> readDirtyBuckets(Resolution resolution, Instant from, Instant to, int limit) {
    return primaryReads.dirtyBuckets(resolution, from, to, limit);
  }

  @Override
  public StoreResult replaceDirtyBucket(DirtyBucket mark, List<MetricSample> replacements) {
    requireNonNull(mark, "mark");
    List<MetricSample> copy = List.copyOf(replacements);
    return update("replace dirty " + mark.resolution() + " " + mark.bucketStart(), c -> {
      if (dirty.claim(c, mark)) {
        samples.replace(c, copy);
        dirty.markCoarser(c, copy);
        // Always, also when the mark is dropped with nothing to replace: a cached minute-backed
        // step is served only while its hour carries no mark (ADR 0057).
        revisions.bump(c);
      }
    });
  }

  /** One keyed row, changed in the transaction of every hour or day sample change (ADR 0049). */
  @Override
  public OptionalLong rollupRevision() {
    return primaryReads.rollupRevision();
  }

  @Override
  public List<MetricSample> readSamples(SampleQuery query) {
    return primaryReads.samples(query);
  }

  @Override
  public Page<LogEvent> readLogs(LogQuery query) {
    return primaryReads.logs(query);
  }

  @Override
  public Page<TraceRecord> readTraces(TraceQuery query) {
    return primaryReads.traces(query);
  }

  @Override
  public List<BusinessEvent> readEvents(EventQuery query) {
    return primaryReads.events(query);
  }

  /** Counted in the database ({@code GROUP BY type}), so the counts are exact over any range. */
  @Override
  public List<EventTypeCount> readEventTypes(Instant from, Instant to, int limit) {
    return primaryReads.eventTypes(from, to, limit);
  }

  /**
   * Database size ({@code pg_database_size}, or the SQLite file's pages), free pages (SQLite),
   * and per table its rows ({@code COUNT(*)}), bytes with indexes ({@code pg_total_relation_size}
   * or SQLite's {@code dbstat}) and oldest/newest row. Counts scan: call it from a view or a slow
   * probe, not per request of a hot page.
   */
  @Override
  public StoreStats stats() {
    return primaryReads.stats();
  }

  /**
   * SQLite: {@code PRAGMA incremental_vacuum} then a WAL checkpoint, giving the pages retention
   * freed back to the file system (files created by this library use {@code
   * auto_vacuum=INCREMENTAL}; older files need one {@code VACUUM}, see docs/operations.md).
   * PostgreSQL: nothing (its autovacuum reuses the space). Returns the bytes the file shrank by.
   */
  @Override
  public long reclaimSpace() {
    if (dialect != Dialect.SQLITE) {
      return 0;
    }
    try {
      ensureSchema();
      return transactions.withAutoCommit(introspection::reclaim);
    } catch (Exception e) {
      throw new StoreException("reclaim space failed in " + dialect + " store '" + tables.prefix + "': " + e, e);
    }
  }

  @Override
  public StoreResult replaceEventDays(Instant day, List<EventDayRollup> rollups) {
    requireNonNull(day, "day");
    List<EventDayRollup> copy = List.copyOf(rollups);
    for (EventDayRollup row : copy) {
      if (!row.day().equals(day)) {
        return StoreResult.permanentFailure("row of " + row.day() + " in the rollup of " + day, null);
      }
    }
    return update("replace event day " + day, c -> eventDays.replaceDay(c, day, copy));
  }

  @Override
  public List<EventDayRollup> readEventDays(String type, Instant from, Instant to, int limit) {
    return primaryReads.eventDays(type, from, to, limit);
  }

  @Override
  public List<Heartbeat> readHeartbeats() {
    return primaryReads.heartbeats();
  }

  @Override
  public long deleteOlderThan(DataKind kind, Instant cutoff, int maxRows) {
    requireNonNull(kind, "kind");
    requireNonNull(cutoff, "cutoff");
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
    return read(transactions, "delete " + kind + " older than " + cutoff, c -> switch (kind) {
      case MINUTE_SAMPLES -> deleteSamples(c, Resolution.MINUTE, cutoff, maxRows);
      case HOUR_SAMPLES -> deleteSamples(c, Resolution.HOUR, cutoff, maxRows);
      case DAY_SAMPLES -> deleteSamples(c, Resolution.DAY, cutoff, maxRows);
      case LOGS -> deleteTimeRows(c, tables.logs, cutoff, maxRows);
      case TRACES -> deleteTimeRows(c, tables.traces, cutoff, maxRows);
      case EVENTS -> deleteTimeRows(c, tables.events, cutoff, maxRows);
      case HEARTBEATS -> rows.deleteHeartbeats(c, cutoff, maxRows);
      case APPLIED_BATCHES -> rows.deleteAppliedBatches(c, cutoff, maxRows);
      case DIRTY_BUCKETS -> deleteMarks(c, cutoff, maxRows);
      case EVENT_DAYS -> eventDays.deleteOlderThan(c, cutoff, maxRows);
    });
  }

  @Override
  public Optional<Instant> readWatermark(String name) {
    return primaryReads.watermark(name);
  }

  @Override
  public StoreResult writeWatermark(String name, Instant value) {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    return update("write watermark " + name, c -> rows.writeWatermark(c, name, value));
  }

  /** Read from the primary, also through {@link #forReads()}: a lease must be judged where it is taken. */
  @Override
  public Optional<SharedValue> readShared(String name) {
    requireNonNull(name, "name");
    return read(transactions, "read shared " + name, c -> shared.read(c, name));
  }

  @Override
  public boolean writeShared(SharedValue value) {
    requireNonNull(value, "value");
    try {
      return inTransaction(c -> shared.write(c, value));
    } catch (Exception e) {
      throw new StoreException("write shared " + value.name() + " failed in " + dialect + " store '" + tables.prefix
          + "': " + e, e);
    }
  }

  /** Closes the pool the store built; a host's DataSource stays open. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  private long deleteSamples(Connection c, Resolution resolution, Instant cutoff, int maxRows) throws Exception {
    long dropped = hypertables ? Retention.dropWholeChunks(c, tables.samples(resolution), "bucket", cutoff) : 0;
    long deleted = dropped > 0 ? dropped : samples.deleteOlderThan(c, resolution, cutoff, maxRows);
    // Minute rows too: closed steps read from minutes are cached (ADR 0057).
    if (deleted > 0) {
      revisions.bump(c);
    }
    return deleted;
  }

  /** A deleted mark no longer keeps its hour's cached steps out of use, so the revision changes. */
  private long deleteMarks(Connection c, Instant cutoff, int maxRows) throws Exception {
    long deleted = dirty.deleteOlderThan(c, cutoff, maxRows);
    if (deleted > 0) {
      revisions.bump(c);
    }
    return deleted;
  }

  private long deleteTimeRows(Connection c, String table, Instant cutoff, int maxRows) throws Exception {
    long dropped = hypertables ? Retention.dropWholeChunks(c, table, "ts", cutoff) : 0;
    return dropped > 0 ? dropped : rows.deleteTimeRows(c, table, cutoff, maxRows);
  }

  private static Cursor decode(String cursor) {
    return cursor == null ? null : Cursor.decode(cursor);
  }

  @FunctionalInterface
  private interface VoidWork {
    void run(Connection c) throws Exception;
  }

  private StoreResult update(String what, VoidWork work) {
    try {
      inTransaction(c -> {
        work.run(c);
        return null;
      });
      return StoreResult.ok();
    } catch (Exception e) {
      String message = what + " failed in " + dialect + " store '" + tables.prefix + "': " + e;
      return FailureKinds.isRetryable(e) ? StoreResult.retryableFailure(message, e) : StoreResult.permanentFailure(message, e);
    }
  }

  /**
   * Reads (and retention deletes) are safe to repeat: after a broken connection they run again,
   * at most {@value #READ_ATTEMPTS} times in all, because a network cut leaves dead idle
   * connections in the pool that only fail when used.
   */
  private <T> T read(Transactions from, String what, Transactions.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        ensureSchema();
        return from.inTransaction(work);
      } catch (StoreException | IllegalArgumentException e) {
        throw e;
      } catch (Exception e) {
        if (attempt < READ_ATTEMPTS && FailureKinds.isConnectionLoss(e)) {
          continue;
        }
        throw new StoreException(what + " failed in " + dialect + " store '" + tables.prefix + "': " + e, e);
      }
    }
  }

  private <T> T inTransaction(Transactions.Work<T> work) throws Exception {
    ensureSchema();
    return transactions.inTransaction(work);
  }

  /** Creates or migrates the schema once; until that succeeds every call tries again. */
  private void ensureSchema() throws Exception {
    if (migrated) {
      return;
    }
    synchronized (migrationLock) {
      if (!migrated) {
        if (sqliteDirectory != null) {
          Files.createDirectories(sqliteDirectory); // an IOException is a retryable failure (FailureKinds)
        }
        hypertables = Migrations.migrate(transactions, dialect, tables, clock);
        migrated = true;
      }
    }
  }

  /**
   * The store's reads on one DataSource: the primary's for the store itself, the read DataSource's
   * for {@link #forReads()}. The schema is always created or migrated on the primary first.
   */
  final class Reads {
    private final Transactions from;

    private Reads(Transactions from) {
      this.from = from;
    }

    List<MetricSample> samples(SampleQuery query) {
      requireNonNull(query, "query");
      return read(from, "read samples of " + query.metric(), c -> samples.read(c, query));
    }

    Page<LogEvent> logs(LogQuery query) {
      Cursor cursor = decode(query.cursor());
      return read(from, "read logs", c -> rows.readLogs(c, query, cursor));
    }

    Page<TraceRecord> traces(TraceQuery query) {
      Cursor cursor = decode(query.cursor());
      return read(from, "read traces", c -> rows.readTraces(c, query, cursor));
    }

    List<BusinessEvent> events(EventQuery query) {
      requireNonNull(query, "query");
      return read(from, "read events", c -> rows.readEvents(c, query));
    }

    List<EventTypeCount> eventTypes(Instant start, Instant end, int limit) {
      requireNonNull(start, "from");
      requireNonNull(end, "to");
      if (limit < 1 || limit > EventTypeCount.MAX_TYPES) {
        throw new IllegalArgumentException("limit must be between 1 and " + EventTypeCount.MAX_TYPES + ", was " + limit);
      }
      return read(from, "read event types", c -> introspection.eventTypes(c, start, end, limit));
    }

    StoreStats stats() {
      return read(from, "read store stats", introspection::stats);
    }

    List<EventDayRollup> eventDays(String type, Instant start, Instant end, int limit) {
      requireNonNull(start, "from");
      requireNonNull(end, "to");
      if (limit < 1 || limit > MAX_EVENT_DAY_ROWS) {
        throw new IllegalArgumentException("limit must be between 1 and " + MAX_EVENT_DAY_ROWS + ", was " + limit);
      }
      return read(from, "read event days", c -> eventDays.read(c, type, start, end, limit));
    }

    List<Heartbeat> heartbeats() {
      return read(from, "read heartbeats", rows::readHeartbeats);
    }

    Optional<Instant> watermark(String name) {
      requireNonNull(name, "name");
      return read(from, "read watermark " + name, c -> rows.readWatermark(c, name));
    }

    List<DirtyBucket> dirtyBuckets(Resolution resolution, Instant start, Instant end, int limit) {
      requireNonNull(resolution, "resolution");
      requireNonNull(start, "from");
      requireNonNull(end, "to");
      if (limit < 1 || limit > 10_000) {
        throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
      }
      return read(from, "read dirty " + resolution + " buckets", c -> dirty.read(c, resolution, start, end, limit));
    }

    OptionalLong rollupRevision() {
      return OptionalLong.of(read(from, "read rollup revision", revisions::read));
    }
  }

  /**
   * Settings of a {@link JdbcStore}. Give either a JDBC URL (the store builds and owns a HikariCP
   * pool) or the host's {@link DataSource} with its {@link #dialect}.
   */
  public static final class Builder {
    private String jdbcUrl;
    private DataSource dataSource;
    private DataSource readDataSource;
    private Dialect dialect;
    private String tablePrefix = "telemetry_";
    private int maxPoolSize = 4;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Path sqliteDirectory;

    private Builder() {}

    /** A JDBC URL ({@code jdbc:postgresql:…} or {@code jdbc:sqlite:…}); the store builds its own pool. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
      return this;
    }

    /**
     * An SQLite file, created with its parent directories if missing. Never fails for the file
     * system: a directory that cannot be created now is created on first use, which until then
     * fails as a retryable write (so a host starts even when its data directory is not ready).
     */
    public Builder sqliteFile(Path file) {
      requireNonNull(file, "file");
      Path parent = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(parent);
        sqliteDirectory = null;
      } catch (IOException e) {
        sqliteDirectory = parent;
      }
      return jdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The host's pool; the store never closes it. Requires {@link #dialect}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * A read replica (for example a PostgreSQL hot standby) that serves every read of {@link
     * JdbcStore#forReads()}; the store never closes it and never writes to it. On PostgreSQL
     * its connections are set read-only for each read (SQLite cannot switch an open connection:
     * open the replica read-only, e.g. {@code SQLiteDataSource.setReadOnly(true)}). It must be one replica (or a pool pinned to
     * one): a chart may then lag the primary by the replica's lag, but never goes back in time
     * (ADR 0054). Default: none, every read goes to the primary.
     */
    public Builder readDataSource(DataSource readDataSource) {
      this.readDataSource = requireNonNull(readDataSource, "readDataSource");
      return this;
    }

    /** The database dialect. Required with {@link #dataSource}; inferred from a JDBC URL. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /** Prefix of every table: {@code [a-z][a-z0-9_]{0,31}}. Default {@code telemetry_}. */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Tables.checkPrefix(tablePrefix);
      return this;
    }

    /** Connections in the store's own pool, 1..64. Default 4. */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1 || maxPoolSize > 64) {
        throw new IllegalArgumentException("maxPoolSize must be between 1 and 64, was " + maxPoolSize);
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** How long a call waits for a connection of the own pool, 250 ms..5 min. Default 5 s. */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = within("connectionTimeout", timeout, Duration.ofMillis(250), Duration.ofMinutes(5));
      return this;
    }

    /**
     * PostgreSQL, own pool: how long a read from the server may block before the connection is
     * declared lost (so a stalled database fails a flush instead of hanging it), 1 s..10 min.
     * Default 30 s.
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = within("socketTimeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
      return this;
    }

    /** Time source for the applied-batch records. Default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The store. Does not connect: the schema is reached on first use. */
    public JdbcStore build() {
      if ((jdbcUrl == null) == (dataSource == null)) {
        throw new IllegalStateException("exactly one of jdbcUrl and dataSource must be set, "
            + (jdbcUrl == null ? "neither was" : "both were"));
      }
      if (dataSource != null) {
        if (dialect == null) {
          throw new IllegalStateException("dialect must be set with dataSource (POSTGRESQL or SQLITE)");
        }
        return new JdbcStore(this, dataSource, null);
      }
      Dialect fromUrl = Dialect.ofUrl(jdbcUrl);
      if (fromUrl == null) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: or jdbc:sqlite:, was '"
            + redacted(jdbcUrl) + "'");
      }
      if (dialect != null && dialect != fromUrl) {
        throw new IllegalStateException("dialect " + dialect + " contradicts jdbcUrl, which is " + fromUrl);
      }
      dialect = fromUrl;
      String driverClass = dialect.requireDriver(HikariConfig.class.getClassLoader(),
          Thread.currentThread().getContextClassLoader());
      HikariDataSource pool = new HikariDataSource(poolConfig(driverClass));
      return new JdbcStore(this, pool, pool);
    }

    private HikariConfig poolConfig(String driverClass) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setDriverClassName(driverClass);
      config.setPoolName("telemetry-" + tablePrefix);
      config.setMaximumPoolSize(maxPoolSize);
      config.setMinimumIdle(Math.min(1, maxPoolSize));
      config.setConnectionTimeout(connectionTimeout.toMillis());
      config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000));
      // Start without a database: the store connects on first use and retries after that.
      config.setInitializationFailTimeout(-1);
      if (dialect == Dialect.SQLITE) {
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "5000");
      } else {
        long connectSeconds = Math.max(1, connectionTimeout.toSeconds());
        config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
        config.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
        config.addDataSourceProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "telemetry");
      }
      return config;
    }

    private static Duration within(String name, Duration value, Duration min, Duration max) {
      requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }

    /** The URL without its query string, which may carry a password. */
    private static String redacted(String url) {
      int q = url.indexOf('?');
      return q < 0 ? url : url.substring(0, q) + "?…";
    }
  }
}
