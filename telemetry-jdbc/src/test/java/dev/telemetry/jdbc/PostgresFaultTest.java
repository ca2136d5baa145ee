package dev.telemetry.jdbc;

import static dev.telemetry.jdbc.ClusterFixtures.LATENCY;
import static dev.telemetry.jdbc.ClusterFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.StoreException;
import dev.telemetry.store.StoreResult;
import dev.telemetry.testkit.StoreRows;
import dev.telemetry.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL behind a {@link FaultProxy}: connections cut mid-flush and right after COMMIT, a
 * database that is down when the host starts, and a stalled database while the host records.
 */
@Timeout(120)
class PostgresFaultTest {
  private static String url;
  private final TestClock clock = TestClock.at(ClusterFixtures.T0);
  private FaultProxy proxy;
  private String prefix;
  private JdbcStore store;

  @BeforeAll
  static void requirePostgres() {
    url = TestDatabases.requirePostgres();
  }

  @BeforeEach
  void startProxy() throws Exception {
    URI uri = URI.create(url.substring("jdbc:".length()));
    proxy = new FaultProxy(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), Duration.ofMinutes(3));
    prefix = TestDatabases.uniquePrefix();
  }

  @AfterEach
  void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    proxy.close();
    TestDatabases.dropPostgresTables(url, prefix);
  }

  private JdbcStore storeThroughProxy(Duration socketTimeout) {
    // prepareThreshold=0: statements (COMMIT included) travel as text, so the proxy can spot them.
    String proxied = proxy.rewrite(url) + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
    return JdbcStore.builder().jdbcUrl(proxied).tablePrefix(prefix).maxPoolSize(2)
        .connectionTimeout(Duration.ofMillis(500)).socketTimeout(socketTimeout).build();
  }

  @Test
  void aConnectionCutInTheMiddleOfAFlushIsRetriedWithNothingLostOrDoubled() {
    store = storeThroughProxy(Duration.ofSeconds(10));
    Telemetry node = ClusterFixtures.manualNode("node-a", store, clock);
    Counter requests = node.counter(REQUESTS);
    Histogram latency = node.histogram(LATENCY);
    for (int route = 0; route < 2_000; route++) {
      requests.add(route + 1, "route", "/r" + route);
      latency.record(0.001 * (route + 1), "route", "/r" + route);
    }
    store.readHeartbeats(); // schema created before the cut is armed
    proxy.cutAfterClientSends(64 * 1024); // well inside the ~400 KB of multi-row inserts

    node.flush();
    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(node.selfMetrics().writeFailures()).isEqualTo(1);
    // Every pooled connection died with the cut; the read still succeeds (retried on a new connection).
    assertThat(ClusterFixtures.totalSum(store, REQUESTS)).as("the cut transaction left nothing").isZero();

    node.flush();
    assertThat(node.selfMetrics().queueDepth()).isZero();
    assertThat(ClusterFixtures.totalSum(store, REQUESTS)).isEqualTo(2_000.0 * 2_001 / 2);
    assertThat(ClusterFixtures.minuteSamples(store, LATENCY, null)).hasSize(2_000)
        .allSatisfy(s -> assertThat(s.count()).isEqualTo(1));
    node.close();
  }

  @Test
  void aConnectionCutRightAfterCommitIsRetriedWithoutCountingTwice() {
    store = storeThroughProxy(Duration.ofSeconds(10));
    Telemetry node = ClusterFixtures.manualNode("node-a", store, clock);
    store.readHeartbeats();
    node.counter(REQUESTS).add(7, "route", "/a");
    proxy.cutAfterClientSends("COMMIT"); // the server may or may not have committed: either way, once

    node.flush();
    node.flush();
    node.flush();

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(node.selfMetrics().queueDepth()).isZero();
    assertThat(ClusterFixtures.totalSum(store, REQUESTS)).isEqualTo(7);
    node.close();
  }

  @Test
  void theHostStartsWhileTheDatabaseIsDownAndTheStoreConnectsLater() {
    proxy.down();
    store = storeThroughProxy(Duration.ofSeconds(10)); // constructing never connects
    Telemetry node = ClusterFixtures.manualNode("node-a", store, clock);
    node.counter(REQUESTS).add(5, "route", "/a");

    node.flush();
    StoreResult direct = store.write(StoreRows.samples(StoreRows.counter(REQUESTS, clock.instant(), "node-b",
        Map.of(), 1, 1)));
    assertThat(direct.success()).isFalse();
    assertThat(direct.retryable()).as("a database that is down is worth retrying: %s", direct.message()).isTrue();
    assertThat(node.selfMetrics().writeFailures()).isEqualTo(1);
    assertThat(node.selfMetrics().queueDepth()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(store::readHeartbeats).isInstanceOf(StoreException.class);

    proxy.up();
    // HikariCP backs off between failed connection attempts (up to 5 s), so the store reconnects
    // within a few seconds; the node keeps retrying the same queued batch, as its writer would.
    long upAt = System.nanoTime();
    long deadline = upAt + Duration.ofSeconds(30).toNanos();
    while (node.selfMetrics().queueDepth() > 0 && System.nanoTime() < deadline) {
      node.flush();
    }
    System.out.printf("store reconnected %.0f ms after the database came back%n", (System.nanoTime() - upAt) / 1e6);

    assertThat(node.selfMetrics().queueDepth()).isZero();
    assertThat(store.write(StoreRows.samples(StoreRows.counter(REQUESTS, clock.instant(), "node-b", Map.of(), 1, 1)))
        .success()).isTrue();
    assertThat(ClusterFixtures.totalSum(store, REQUESTS)).isEqualTo(5 + 1);
    node.close();
  }

  @Test
  void aStalledDatabaseNeverSlowsTheRecordPath() {
    store = storeThroughProxy(Duration.ofSeconds(30));
    store.readHeartbeats();
    Telemetry node = Telemetry.builder().service("checkout").node("node-a").contract(ClusterFixtures.contract())
        .store(store).clock(clock).closeOnShutdown(false).closeTimeout(Duration.ofSeconds(20)).build();
    Histogram latency = node.histogram(LATENCY);
    latency.record(0.5, "route", "/warm");
    proxy.stall();
    node.flush(); // the writer thread takes the batch and blocks inside the stalled database
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (proxy.held() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(proxy.held()).as("the writer is blocked in the database").isPositive();

    String[] routes = new String[10];
    for (int r = 0; r < routes.length; r++) {
      routes[r] = "/r" + r;
    }
    int calls = 200_000;
    long worst = 0;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      latency.record(0.001 * (i % 1000 + 1), "route", routes[i % 10]);
      worst = Math.max(worst, System.nanoTime() - t0);
    }
    long total = System.nanoTime() - start;
    assertThat(proxy.held()).as("still stalled while recording").isPositive();
    System.out.printf("record path while the database stalls: %d calls in %.1f ms (%.0f ns/call), worst %.2f ms%n",
        calls, total / 1e6, (double) total / calls, worst / 1e6);
    // Generous bounds for a shared 2-core machine: a blocking record path would take the stall (30 s).
    assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(500));

    proxy.resume();
    node.flush();
    assertThat(node.awaitWritten(Duration.ofSeconds(30))).isTrue();
    long stored = ClusterFixtures.minuteSamples(store, LATENCY, null).stream().mapToLong(MetricSample::count).sum();
    assertThat(node.selfMetrics().droppedSamples()).isZero();
    assertThat(stored).isEqualTo(calls + 1);
    node.close();
  }
}
