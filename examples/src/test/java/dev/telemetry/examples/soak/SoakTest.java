package dev.telemetry.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetry.SelfMetrics;
import dev.telemetry.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load and soak: {@value SoakRun#WRITERS} threads record at full rate while {@value SoakRun#READERS}
 * HTTP clients read the dashboard over loopback, for {@code -Dsoak.duration} (ISO-8601, default
 * {@code PT2M}); once on an SQLite file and, when {@code TELEMETRY_TEST_POSTGRES_URL} is set, once
 * on PostgreSQL (it then fails if the server is unreachable). It checks that nothing failed or was
 * dropped, that every record reached the store exactly once, that the heap stayed flat and the
 * writers kept their pace, and writes the figures to {@code target/soak-results.txt}.
 *
 * <pre>./mvnw -B -pl examples -am -Psoak verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dsoak.duration=PT20S]</pre>
 */
@Tag("soak")
class SoakTest {
  static final String POSTGRES_URL_VARIABLE = "TELEMETRY_TEST_POSTGRES_URL";
  static final Path RESULTS = Path.of("target", "soak-results.txt");
  /** How far the heap may grow between the middle and the end of the run. */
  static final long HEAP_GROWTH_BOUND = 64L << 20;
  /** The second half's throughput must stay above this share of the first half's. */
  static final double THROUGHPUT_HELD = 0.5;

  static Duration duration() {
    return Duration.parse(System.getProperty("soak.duration", "PT2M"));
  }

  @BeforeAll
  static void startResultsFile() throws IOException {
    Files.createDirectories(RESULTS.getParent());
    Files.deleteIfExists(RESULTS);
  }

  @Test
  void sqliteHoldsUpUnderLoad(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("soak.db");
    check(soak(new SoakRun("sqlite", () -> JdbcStore.sqlite(file), () -> JdbcStore.sqlite(file), duration())));
  }

  @Test
  void postgresHoldsUpUnderLoad() throws Exception {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    assumeTrue(url != null && !url.isBlank(), POSTGRES_URL_VARIABLE + " is not set: the PostgreSQL soak is off");
    requireReachable(url);
    String prefix = "soak" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL) + "_";
    try {
      check(soak(new SoakRun("postgres", () -> postgres(url, prefix), () -> postgres(url, prefix), duration())));
    } finally {
      dropTables(url, prefix);
    }
  }

  private static SoakResult soak(SoakRun run) throws IOException {
    // The run bounds every wait itself; this is the last resort if something hangs regardless.
    SoakResult result = assertTimeoutPreemptively(duration().plus(Duration.ofMinutes(5)), run::run);
    String table = SoakReport.table(result);
    System.out.print(table);
    Files.writeString(RESULTS, table + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return result;
  }

  private static void check(SoakResult r) {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.writerErrors).as("writer exceptions").isEmpty();
    soft.assertThat(r.readerServerErrors).as("5xx responses").isZero();
    soft.assertThat(r.readerExceptions).as("HTTP client exceptions").isZero();
    soft.assertThat(r.readerErrors).as("responses other than a clean 200: %s", r.firstReaderErrors).isZero();
    for (var e : r.latencies.entrySet()) {
      soft.assertThat(e.getValue().length).as("requests to %s", e.getKey()).isPositive();
    }

    SelfMetrics m = r.selfMetrics;
    soft.assertThat(m.droppedRows()).as("droppedRows").isZero();
    soft.assertThat(m.droppedBatches()).as("droppedBatches").isZero();
    soft.assertThat(m.contendedDrops()).as("contendedDrops").isZero();
    soft.assertThat(m.internalErrors()).as("internalErrors").isZero();
    soft.assertThat(m.flusherErrors()).as("flusherErrors").isZero();
    soft.assertThat(m.droppedDiscrete()).as("droppedDiscrete").isZero();
    soft.assertThat(m.rejectedValues() + m.droppedLabels() + m.overflowedRecords())
        .as("rejected values, dropped labels, overflowed records").isZero();
    soft.assertThat(m.queueDepth()).as("batches left in the queue").isZero();
    soft.assertThat(r.healthAtEnd).as("the library's own services at the end")
        .containsEntry("telemetry_store", "healthy").containsEntry("telemetry_pipeline", "healthy");

    soft.assertThat(r.written()).as("records made").isPositive();
    soft.assertThat(r.stored.counterPerLabelSet()).as("stored counter sums per label set")
        .containsExactly(r.writtenPerLabelSet);
    soft.assertThat(r.stored.histogramPerLabelSet()).as("stored histogram counts per label set")
        .containsExactly(r.writtenPerLabelSet);
    soft.assertThat(r.stored.otherSeries()).as("samples under label sets never written").isZero();
    soft.assertThat(r.stored.logs()).as("stored logs").isEqualTo(r.logsWritten);
    soft.assertThat(r.stored.events()).as("stored events").isEqualTo(r.eventsWritten);

    soft.assertThat(r.heapEnd).as("heap after GC at the end vs the middle (%d bytes)", r.heapMiddle)
        .isLessThan(r.heapMiddle + HEAP_GROWTH_BOUND);
    soft.assertThat(r.totalSecondHalfRate()).as("records/s in the second half vs the first (%.0f)",
        r.totalFirstHalfRate()).isGreaterThan(THROUGHPUT_HELD * r.totalFirstHalfRate());
    soft.assertAll();
  }

  private static JdbcStore postgres(String url, String prefix) {
    return JdbcStore.builder().jdbcUrl(url).tablePrefix(prefix).build();
  }

  private static void requireReachable(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(c.isValid(5)).isTrue();
    } catch (SQLException e) {
      throw new AssertionError(POSTGRES_URL_VARIABLE + " is set to " + url.replaceAll("\\?.*", "?…")
          + " but PostgreSQL is unreachable: " + e.getMessage(), e);
    }
  }

  private static void dropTables(String url, String prefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix.replace("_", "\\_") + "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        if (t.startsWith(prefix) && t.matches("[a-z][a-z0-9_]*")) {
          s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
        }
      }
    }
  }
}
