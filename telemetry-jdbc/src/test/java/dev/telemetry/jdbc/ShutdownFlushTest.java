package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM exits without the host calling {@code close()}: the shutdown hook flushes. A child JVM
 * records into an SQLite file (flush interval 60 s, so nothing is written before it exits) and calls
 * {@code System.exit(0)}; the parent then finds every recorded value in the file.
 */
@Timeout(120)
class ShutdownFlushTest {
  static final int ROUTES = 20;
  static final int PER_ROUTE = 50;
  static final int LOGS = 7;
  static final int EVENTS = 5;

  @TempDir
  Path dir;

  /** The child: records, then exits without closing. */
  public static final class Child {
    public static void main(String[] args) {
      Telemetry telemetry = Telemetry.builder().service("child").node("child").contract(ClusterFixtures.contract())
          .store(JdbcStore.sqlite(Paths.get(args[0]))).build(); // closeOnShutdown is on by default
      for (int route = 0; route < ROUTES; route++) {
        for (int i = 0; i < PER_ROUTE; i++) {
          telemetry.counter(REQUESTS).add(1, "route", "/r" + route);
          telemetry.histogram(LATENCY).record(0.001 * (i + 1), "route", "/r" + route);
        }
      }
      for (int i = 0; i < LOGS; i++) {
        telemetry.error("billing", "invoice_failed", "invoice " + i + " failed");
      }
      for (int i = 0; i < EVENTS; i++) {
        telemetry.event("deploy", null, Map.of(), Outcome.SUCCESS, i + 1);
      }
      telemetry.heartbeat("nightly", Duration.ofHours(24));
      System.out.println("recorded, exiting without close()");
      System.exit(0);
    }
  }

  @Test
  void theShutdownHookFlushesEverythingRecordedBeforeTheJvmExits() throws Exception {
    Path file = dir.resolve("child.db");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", ChildClassPath.get(),
        Child.class.getName(), file.toString()).redirectErrorStream(true).start();
    boolean exited = child.waitFor(90, TimeUnit.SECONDS);
    String output = new String(child.getInputStream().readAllBytes(), UTF_8);
    if (!exited) {
      child.destroyForcibly();
    }
    assertThat(exited).as("child exited; output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("recorded, exiting without close()");

    try (JdbcStore store = JdbcStore.sqlite(file)) {
      List<MetricSample> requests = ClusterFixtures.minuteSamples(store, REQUESTS, "child");
      assertThat(requests.stream().mapToDouble(MetricSample::sum).sum()).as(output)
          .isEqualTo((double) ROUTES * PER_ROUTE);
      assertThat(ClusterFixtures.minuteSamples(store, LATENCY, "child").stream().mapToLong(MetricSample::count).sum())
          .isEqualTo((long) ROUTES * PER_ROUTE);
      Instant from = Instant.EPOCH;
      Instant to = Instant.parse("2100-01-01T00:00:00Z");
      assertThat(store.readLogs(LogQuery.range(from, to, 100)).items()).hasSize(LOGS);
      assertThat(store.readEvents(new EventQuery(null, from, to, 100))).hasSize(EVENTS);
      assertThat(store.readHeartbeats()).extracting(h -> h.name()).contains("nightly");
    }
  }
}
