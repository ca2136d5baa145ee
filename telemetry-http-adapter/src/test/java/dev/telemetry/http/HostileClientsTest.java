package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Page;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to hold the JDK server's workers: live-feed streams, slowloris heads, clients
 * that stop reading, and too many connections from one address. Each attack comes from real
 * sockets on its own loopback address; a well-behaved client on {@code 127.0.0.1} must still be
 * answered.
 */
class HostileClientsTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    open.add(resource);
    return resource;
  }

  private JdkDashboardServer serve(DashboardFixture f, int threads, JdkDashboardServer.Limits limits)
      throws Exception {
    return keep(JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0), threads,
        Duration.ofSeconds(30), limits));
  }

  private static JdkDashboardServer.Limits limits(Duration headerTimeout, Duration writeTimeout, int perClient,
      int total) {
    return new JdkDashboardServer.Limits(headerTimeout, writeTimeout, Duration.ofSeconds(60), perClient, total);
  }

  private static RawClient.Response normalGet(JdkDashboardServer server, String path) throws Exception {
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send(RawClient.get(RawClient.API + path, false));
      return c.response();
    }
  }

  @Test
  void streamsPastTheSubscriberCapAre503AndTheApiStillAnswers() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    JdkDashboardServer server = serve(f, 16, JdkDashboardServer.Limits.defaults());
    for (int i = 0; i < 16; i++) {
      RawClient stream = keep(RawClient.connect("127.0.0.2", server.port()));
      stream.send(RawClient.get(RawClient.API + "/stream", true));
      assertThat(stream.response().status()).isEqualTo(200);
    }
    assertThat(f.dashboard.feed().awaitSubscriberCount(16, Duration.ofSeconds(5))).isTrue();

    for (int i = 0; i < 4; i++) {
      try (RawClient extra = RawClient.connect("127.0.0.3", server.port())) {
        extra.send(RawClient.get(RawClient.API + "/stream", false));
        RawClient.Response refused = extra.response();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"too_many_subscribers\"");
      }
    }
    assertThat(normalGet(server, "/summary").status()).isEqualTo(200);
    assertThat(normalGet(server, "/health").status()).isEqualTo(200);
  }

  @Test
  void slowlorisHeadsHoldNoWorkerAndAreCutAtTheHeaderTimeout() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    JdkDashboardServer server = serve(f, 2, limits(Duration.ofSeconds(1), Duration.ofSeconds(10), 64, 1024));
    List<RawClient> slow = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RawClient c = keep(RawClient.connect("127.0.0.2", server.port()));
      c.send("GET " + RawClient.API + "/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      slow.add(c);
    }
    long start = System.nanoTime();
    assertThat(normalGet(server, "/config").status()).as("two workers, fifty unfinished heads").isEqualTo(200);

    for (RawClient c : slow) {
      assertThat(c.closedByServer()).isTrue();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(Duration.ofMillis(800), Duration.ofSeconds(8));
    assertThat(server.timedOutConnections()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void aClientPastItsConnectionCapGets503WhileOthersAreServed() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    JdkDashboardServer server = serve(f, 4, limits(Duration.ofSeconds(10), Duration.ofSeconds(10), 3, 5));
    for (int i = 0; i < 3; i++) {
      keep(RawClient.connect("127.0.0.2", server.port()));
    }
    try (RawClient fourth = RawClient.connect("127.0.0.2", server.port())) {
      RawClient.Response refused = fourth.response();
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).contains("too_many_connections");
    }
    assertThat(normalGet(server, "/config").status()).isEqualTo(200);
    awaitTrue(() -> server.openConnections() == 3, Duration.ofSeconds(5));

    keep(RawClient.connect("127.0.0.3", server.port()));
    keep(RawClient.connect("127.0.0.3", server.port()));
    try (RawClient overTotal = RawClient.connect("127.0.0.4", server.port())) {
      assertThat(overTotal.response().status()).as("five connections open in total").isEqualTo(503);
    }
    assertThat(server.refusedConnections()).isEqualTo(2);
  }

  @Test
  void aClientThatStopsReadingIsCutAfterTheWriteTimeout() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    f.logs(10_000);
    JdkDashboardServer server = serve(f, 2, limits(Duration.ofSeconds(10), Duration.ofMillis(500), 64, 1024));
    List<RawClient> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RawClient r = keep(RawClient.connect("127.0.0.2", server.port(), 4096));
      r.send(RawClient.get(RawClient.API + "/export?type=logs&format=json&range=24h", false));
      readers.add(r);
    }
    awaitTrue(() -> server.timedOutConnections() >= 2, Duration.ofSeconds(10));
    for (RawClient r : readers) {
      assertThat(r.closedByServer()).isTrue();
    }
    assertThat(normalGet(server, "/summary").status()).as("both workers free again").isEqualTo(200);
  }

  @Test
  void aSlowButSteadyReaderIsCutAtTheRequestTimeout() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    f.logs(10_000, 1_000); // ~10 MB: more than the kernel buffers between the worker and the client hold
    // The write timeout never fires (the reader takes bytes every few milliseconds); only the
    // request timeout can end this answer.
    JdkDashboardServer server = keep(JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0), 2,
        Duration.ofSeconds(1), limits(Duration.ofSeconds(10), Duration.ofSeconds(10), 64, 1024)));
    RawClient reader = keep(RawClient.connect("127.0.0.2", server.port(), 4096));
    reader.send(RawClient.get(RawClient.API + "/export?type=logs&format=json&range=24h", false));
    java.io.InputStream in = reader.socket.getInputStream();
    byte[] sip = new byte[256];
    long read = 0;
    boolean cut = false;
    long started = System.nanoTime();
    while (System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) {
      int n;
      try {
        n = in.read(sip);
      } catch (java.net.SocketException reset) {
        cut = true;
        break;
      }
      if (n < 0) {
        cut = true;
        break;
      }
      read += n;
      TimeUnit.MILLISECONDS.sleep(5); // the slow reader's pace, not synchronisation
    }
    assertThat(read).as("the answer had started").isPositive();
    assertThat(cut).as("the connection was cut before the reader finished").isTrue();
    assertThat(server.timedOutConnections()).isEqualTo(1);
    assertThat(normalGet(server, "/summary").status()).as("the worker is free again").isEqualTo(200);
  }

  @Test
  void pastTwoRunningExportsTheNextIs503() throws Exception {
    CountDownLatch inStore = new CountDownLatch(ExportEndpoint.MAX_CONCURRENT);
    CountDownLatch release = new CountDownLatch(1);
    ForwardingStore stalled = new ForwardingStore(InMemoryStore.create()) {
      @Override
      public Page<LogEvent> readLogs(LogQuery query) {
        if (java.util.Set.of(dev.telemetry.store.LogLevel.ERROR).equals(query.levels())) {
          return super.readLogs(query); // the summary's error feed, not an export
        }
        inStore.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.readLogs(query);
      }
    };
    DashboardFixture f = keep(new DashboardFixture(stalled, b -> b));
    ExecutorService pool = Executors.newFixedThreadPool(ExportEndpoint.MAX_CONCURRENT);
    try {
      List<Future<DashboardFixture.Recorded>> running = new ArrayList<>();
      for (int i = 0; i < ExportEndpoint.MAX_CONCURRENT; i++) {
        running.add(pool.submit(() -> f.get(RawClient.API + "/export?type=logs")));
      }
      assertThat(inStore.await(10, TimeUnit.SECONDS)).isTrue();

      DashboardFixture.Recorded third = f.get(RawClient.API + "/export?type=logs");
      assertThat(third.status).isEqualTo(503);
      assertThat(third.text()).contains("\"code\":\"too_many_exports\"");

      release.countDown();
      for (Future<DashboardFixture.Recorded> r : running) {
        assertThat(r.get(10, TimeUnit.SECONDS).status).isEqualTo(200);
      }
      assertThat(f.get(RawClient.API + "/export?type=logs").status).as("a slot is free again").isEqualTo(200);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    JdkDashboardServer server = serve(f, 2, JdkDashboardServer.Limits.defaults());
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send(RawClient.get(RawClient.API + "/config", true) + RawClient.get(RawClient.API + "/nope", true));
      assertThat(c.response().status()).isEqualTo(200);
      assertThat(c.response().status()).isEqualTo(404);
      c.send(RawClient.get(RawClient.API + "/links", true));
      assertThat(c.response().status()).isEqualTo(200);
    }
  }

  @Test
  void aRequestHeadOverTheBoundIsRefusedWith431() throws Exception {
    DashboardFixture f = keep(new DashboardFixture());
    JdkDashboardServer server = serve(f, 2, JdkDashboardServer.Limits.defaults());
    try (RawClient c = RawClient.connect("127.0.0.2", server.port())) {
      c.send("GET " + RawClient.API + "/config HTTP/1.1\r\nX-Big: " + "a".repeat(ConnectionGate.MAX_HEAD_BYTES));
      assertThat(c.response().status()).isEqualTo(431);
    }
  }

  @Test
  void limitsAreValidatedWithTheFieldAndTheRule() {
    assertThatThrownBy(() -> limits(Duration.ofMillis(10), Duration.ofSeconds(1), 4, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headerTimeout");
    assertThatThrownBy(() -> limits(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnectionsPerClient");
    assertThatThrownBy(() -> limits(Duration.ofSeconds(1), Duration.ofSeconds(1), 16, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections must be");
  }

  /** Waits for a condition the server reaches on its own schedule (a timeout firing), up to {@code limit}. */
  static void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
