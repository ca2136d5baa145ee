package dev.telemetry.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * MEASUREMENT for ADR 0046, not a JMH benchmark: the time to bring an empty database to the
 * current schema with the store's own migrator ({@code JdbcStore}'s first call) and with Flyway
 * running the very same statements ({@code Schema.statements}) as Java migrations, and what
 * happens when a host's own Flyway shares the PostgreSQL schema.
 *
 * <p>Flyway is a dependency of this benchmarks module only. Each run gets an empty SQLite file or
 * an empty PostgreSQL schema (dropped afterwards); both migrators get the same unpooled
 * DataSource. The first run of each is cold (class loading included: what an application start
 * pays); the median of the warm runs shows the steady cost.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.jdbc.MigrationStartupMeasurement \
 *     own|flyway|beside-host sqlite|postgresql [warmRuns]
 * </pre>
 * PostgreSQL reads its URL from {@code TELEMETRY_TEST_POSTGRES_URL}. Run each migrator in its own
 * JVM so the cold number of one does not include class loading paid by the other.
 */
public final class MigrationStartupMeasurement {
  private MigrationStartupMeasurement() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Dialect dialect = args[1].equals("sqlite") ? Dialect.SQLITE : Dialect.POSTGRESQL;
    int warmRuns = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    if (mode.equals("beside-host")) {
      besideHostFlyway();
      return;
    }
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run <= warmRuns; run++) {
      try (EmptyDatabase db = EmptyDatabase.create(dialect)) {
        long start = System.nanoTime();
        if (mode.equals("own")) {
          try (JdbcStore store = JdbcStore.builder().dataSource(db.dataSource).dialect(dialect).tablePrefix("telemetry_")
              .build()) {
            store.readWatermark("startup"); // the first call migrates
          }
        } else {
          Tables tables = new Tables("telemetry_");
          Flyway.configure().dataSource(db.dataSource).table("telemetry_flyway_history")
              .javaMigrations(new V1__Telemetry(dialect, tables), new V2__Telemetry(dialect, tables),
                  new V3__Telemetry(dialect, tables))
              .load().migrate();
        }
        millis.add((System.nanoTime() - start) / 1e6);
        if (db.tableCount() < new Tables("telemetry_").all().size()) {
          throw new IllegalStateException("migration left tables missing");
        }
      }
    }
    double[] warm = millis.subList(1, millis.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("%s %s: cold %.1f ms; warm median %.1f ms (min %.1f, max %.1f, %d runs)%n", mode, dialect,
        millis.get(0), warm[warm.length / 2], warm[0], warm[warm.length - 1], warm.length);
  }

  /** A host's Flyway (default history table) and the store on one PostgreSQL schema. */
  private static void besideHostFlyway() throws Exception {
    try (EmptyDatabase db = EmptyDatabase.create(Dialect.POSTGRESQL)) {
      report("1. host Flyway migrates an empty schema", () -> hostFlyway(db, false).migrate().migrationsExecuted);
      report("   the store then migrates beside it", () -> {
        try (JdbcStore store = JdbcStore.builder().dataSource(db.dataSource).dialect(Dialect.POSTGRESQL).build()) {
          return store.readWatermark("x").isPresent() + ", tables now " + db.tableCount();
        }
      });
      report("   host Flyway validate()", () -> {
        hostFlyway(db, false).validate();
        return "passes";
      });
      report("   host Flyway migrate() again", () -> hostFlyway(db, false).migrate().migrationsExecuted);
      report("   our Flyway with the DEFAULT history table",
          () -> telemetryFlyway(db, "flyway_schema_history").migrate().migrationsExecuted);
      report("   host Flyway clean() (cleanDisabled=false)", () -> {
        Flyway.configure().dataSource(db.dataSource).cleanDisabled(false).load().clean();
        return "tables left: " + db.tableCount();
      });
    }
    try (EmptyDatabase db = EmptyDatabase.create(Dialect.POSTGRESQL)) {
      report("2. the store migrates an empty schema first", () -> {
        try (JdbcStore store = JdbcStore.builder().dataSource(db.dataSource).dialect(Dialect.POSTGRESQL).build()) {
          return store.readWatermark("x").isPresent() + ", tables now " + db.tableCount();
        }
      });
      report("   then the host's first Flyway migrate()", () -> hostFlyway(db, false).migrate().migrationsExecuted);
      report("   with baselineOnMigrate=true", () -> hostFlyway(db, true).migrate().migrationsExecuted
          + " executed; host table 'host_orders' exists: " + db.tableExists("host_orders"));
    }
    try (EmptyDatabase db = EmptyDatabase.create(Dialect.POSTGRESQL)) {
      report("3. our Flyway (own history table) migrates an empty schema",
          () -> telemetryFlyway(db, "telemetry_flyway_history").migrate().migrationsExecuted);
      report("   then the host's first Flyway migrate()", () -> hostFlyway(db, false).migrate().migrationsExecuted);
    }
  }

  private static Flyway hostFlyway(EmptyDatabase db, boolean baselineOnMigrate) {
    return Flyway.configure().dataSource(db.dataSource).baselineOnMigrate(baselineOnMigrate)
        .javaMigrations(new V1__HostOrders()).load();
  }

  private static Flyway telemetryFlyway(EmptyDatabase db, String table) {
    Tables tables = new Tables("telemetry_");
    return Flyway.configure().dataSource(db.dataSource).table(table)
        .javaMigrations(new V1__Telemetry(Dialect.POSTGRESQL, tables), new V2__Telemetry(Dialect.POSTGRESQL, tables),
            new V3__Telemetry(Dialect.POSTGRESQL, tables)).load();
  }

  @FunctionalInterface
  private interface Step {
    Object run() throws Exception;
  }

  private static void report(String what, Step step) {
    String outcome;
    try {
      outcome = "-> " + step.run();
    } catch (Exception e) {
      outcome = "-> FAILS: " + e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
    }
    System.out.println(what + " " + outcome);
  }

  /** One schema version of the store, run by Flyway: the statements the store's migrator runs. */
  private abstract static class TelemetryVersion extends BaseJavaMigration {
    private final int version;
    private final Dialect dialect;
    private final Tables tables;

    TelemetryVersion(int version, Dialect dialect, Tables tables) {
      this.version = version;
      this.dialect = dialect;
      this.tables = tables;
    }

    @Override
    public void migrate(Context context) throws Exception {
      try (Statement s = context.getConnection().createStatement()) {
        for (String sql : Schema.statements(version, dialect, tables)) {
          s.execute(sql);
        }
      }
    }
  }

  // Flyway reads each version from the class name.
  private static final class V1__Telemetry extends TelemetryVersion {
    V1__Telemetry(Dialect d, Tables t) {
      super(1, d, t);
    }
  }

  private static final class V2__Telemetry extends TelemetryVersion {
    V2__Telemetry(Dialect d, Tables t) {
      super(2, d, t);
    }
  }

  private static final class V3__Telemetry extends TelemetryVersion {
    V3__Telemetry(Dialect d, Tables t) {
      super(3, d, t);
    }
  }

  /** The host application's own first migration. */
  private static final class V1__HostOrders extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
      try (Statement s = context.getConnection().createStatement()) {
        s.execute("CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
      }
    }
  }

  /** An empty SQLite file or PostgreSQL schema, deleted on close. */
  private static final class EmptyDatabase implements AutoCloseable {
    final DataSource dataSource;
    private final Path directory;
    private final String adminUrl;
    private final String schema;

    private EmptyDatabase(DataSource dataSource, Path directory, String adminUrl, String schema) {
      this.dataSource = dataSource;
      this.directory = directory;
      this.adminUrl = adminUrl;
      this.schema = schema;
    }

    static EmptyDatabase create(Dialect dialect) throws Exception {
      if (dialect == Dialect.SQLITE) {
        Path directory = Files.createTempDirectory("telemetry-migrate");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + directory.resolve("telemetry.db"));
        return new EmptyDatabase(ds, directory, null, null);
      }
      String url = System.getenv("TELEMETRY_TEST_POSTGRES_URL");
      if (url == null) {
        throw new IllegalStateException("postgresql needs TELEMETRY_TEST_POSTGRES_URL");
      }
      String schema = "m" + Long.toHexString(new Random().nextLong() & 0xffffffffL);
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      ds.setCurrentSchema(schema);
      return new EmptyDatabase(ds, null, url, schema);
    }

    int tableCount() throws Exception {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(schema == null
              ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
              : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
        rs.next();
        return rs.getInt(1);
      }
    }

    boolean tableExists(String table) throws Exception {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
              + schema + "' AND table_name = '" + table + "'")) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }

    @Override
    public void close() throws Exception {
      if (schema != null) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      } else {
        try (var files = Files.walk(directory)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
