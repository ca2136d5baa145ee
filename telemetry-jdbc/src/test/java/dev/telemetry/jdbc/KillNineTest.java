package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kill -9} loses: a child JVM counts into an SQLite file at full speed (flush interval
 * 1 s), printing its running total every few milliseconds; the parent kills it with SIGKILL at
 * different moments and opens the file. The file must pass SQLite's integrity check, the stored
 * total must never exceed what was recorded (no doubled count), and what is missing must be at most
 * the last flush interval plus the write in flight.
 */
@Timeout(180)
class KillNineTest {
  static final Duration FLUSH = Duration.ofSeconds(1);
  static final int STEP = 1000;

  @TempDir
  Path dir;

  /**
   * The child: reaches the store first (the schema is created on first use, which a loaded
   * machine can stretch past the first kill time), then adds {@value #STEP} at a time and prints
   * the total after each step.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      JdbcStore store = JdbcStore.sqlite(Paths.get(args[0]));
      store.readWatermark("kill-nine-test");
      Telemetry telemetry = Telemetry.builder().service("child").node("child").contract(ClusterFixtures.contract())
          .store(store).flushInterval(FLUSH).build();
      long total = 0;
      while (true) {
        for (int i = 0; i < STEP; i++) {
          telemetry.counter(REQUESTS).add(1, "route", "/r" + (i % 10));
        }
        total += STEP;
        System.out.println("recorded=" + total);
        TimeUnit.MILLISECONDS.sleep(2); // the pace of the child's own traffic
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {2_300, 3_700, 5_100})
  void killNineLosesAtMostTheLastFlushIntervalAndTheWriteInFlightAndNeverCountsTwice(long killAfterMillis)
      throws Exception {
    Path file = dir.resolve("kill.db");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", ChildClassPath.get(),
        Child.class.getName(), file.toString()).redirectErrorStream(true).start();
    List<long[]> progress = new ArrayList<>(); // {nanoTime, total}
    CountDownLatch firstLine = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("recorded=")) {
            synchronized (progress) {
              progress.add(new long[] {System.nanoTime(), Long.parseLong(line.substring(9))});
            }
            firstLine.countDown();
          }
        }
      } catch (java.io.IOException ended) {
        // the child was killed
      }
    });
    reader.start();
    assertThat(firstLine.await(60, TimeUnit.SECONDS)).isTrue();
    // The kill comes a set time after the child's first flush reached the file, not after its
    // start: on a loaded machine the first flush may take longer than any fixed delay.
    assertThat(awaitFirstFlush(file, child)).as("the child flushed within 60 s").isTrue();
    assertThat(child.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)).as("the child runs until killed").isFalse();
    long killedAt = System.nanoTime();
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);

    long lastPrinted;
    synchronized (progress) {
      lastPrinted = progress.get(progress.size() - 1)[1];
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    long stored;
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      stored = (long) ClusterFixtures.minuteSamples(store, REQUESTS, "child").stream()
          .mapToDouble(MetricSample::sum).sum();
    }
    assertThat(stored).as("never more than was recorded").isLessThanOrEqualTo(lastPrinted + STEP);
    assertThat(stored).as("something was flushed before the kill").isPositive();
    long lostSince = killedAt;
    synchronized (progress) {
      for (long[] p : progress) {
        if (p[1] > stored) {
          lostSince = p[0];
          break;
        }
      }
    }
    Duration lost = Duration.ofNanos(killedAt - lostSince);
    System.out.printf("kill -9 after %d ms: recorded %d, stored %d, lost the last %d ms%n", killAfterMillis,
        lastPrinted, stored, lost.toMillis());
    assertThat(lost).as("lost: the last flush interval plus the write in flight")
        .isLessThanOrEqualTo(FLUSH.plusMillis(1_000));
  }

  /**
   * Polls the child's file, read-only and without migrating it, until it holds a flushed row of the
   * child's, or 60 s pass, or the child dies.
   */
  private static boolean awaitFirstFlush(Path file, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String sql = "SELECT count(*) FROM " + new Tables("telemetry_").samples(Resolution.MINUTE) + " WHERE node = 'child'";
    while (System.nanoTime() < deadline && child.isAlive()) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        if (rs.next() && rs.getLong(1) > 0) {
          return true;
        }
      } catch (SQLException notYet) {
        // no file or no table yet, or busy: the child has not flushed
      }
      if (child.waitFor(50, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    return false;
  }
}
