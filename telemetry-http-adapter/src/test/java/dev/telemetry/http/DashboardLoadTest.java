package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency of {@code /summary}, {@code /logs} and {@code /trends} over loopback through the JDK
 * server, with a java.net.http client: a measurement, not a gate (DESIGN §6 targets are checked by
 * reading its output). Bounded: a fixed number of requests per client and a 2-minute deadline.
 *
 * <pre>./mvnw -pl telemetry-http-adapter -am test -Dtelemetry.excludedGroups=none -Dtest=DashboardLoadTest
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("load")
class DashboardLoadTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void measuresLatencyUnderConcurrentLoopbackClients() throws Exception {
    InMemoryStore store = InMemoryStore.create();
    DemoData.populate(store, NOW, 24 * 60, 20_000, 20_000);
    TestClock clock = TestClock.at(NOW.minus(Duration.ofHours(2)));
    try (Telemetry telemetry = Telemetry.builder().service("shop").store(store).clock(clock)
        .contract(DemoData.contract()).backgroundThreads(false).closeOnShutdown(false).build()) {
      clock.set(NOW);
      try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
              .authorizer(Authorizer.bearerToken("ops", DashboardFixture.TOKEN)).audit(e -> { }).manualLiveFeed()
              .build();
          JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0), 64,
              Duration.ofSeconds(30))) {
        String base = "http://127.0.0.1:" + server.port() + "/admin/telemetry/api/v1";
        report("/summary 1 client", run(base + "/summary", 1, 2000));
        report("/summary 50 clients", run(base + "/summary", 50, 200));
        report("/logs?limit=50", run(base + "/logs?limit=50&range=24h", 8, 100));
        report("/logs?level=error&search=db", run(base + "/logs?limit=50&range=24h&level=error&search=query", 8, 100));
        report("/trends 24h", run(base + "/trends?metric=http_server_duration_seconds&range=24h", 8, 50));
        report("/trends 24h group_by=route",
            run(base + "/trends?metric=http_server_duration_seconds&range=24h&group_by=route", 8, 50));
      }
    }
  }

  /** {@code clients} threads each sending {@code perClient} requests after a warm-up; latencies in µs. */
  static long[] run(String url, int clients, int perClient) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN).GET().build();
    for (int i = 0; i < 50; i++) {
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<long[]>> tasks = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        tasks.add(() -> {
          long[] us = new long[perClient];
          for (int i = 0; i < perClient; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            us[i] = (System.nanoTime() - start) / 1000;
            assertThat(r.statusCode()).isEqualTo(200);
          }
          return us;
        });
      }
      List<Future<long[]>> results = pool.invokeAll(tasks, 2, TimeUnit.MINUTES);
      long[] all = new long[0];
      for (Future<long[]> f : results) {
        long[] part = f.get();
        long[] merged = Arrays.copyOf(all, all.length + part.length);
        System.arraycopy(part, 0, merged, all.length, part.length);
        all = merged;
      }
      Arrays.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  static void report(String name, long[] sorted) {
    System.out.printf("LOAD %-30s n=%5d  p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%n", name,
        sorted.length, q(sorted, 0.50), q(sorted, 0.95), q(sorted, 0.99), sorted[sorted.length - 1] / 1000.0);
  }

  static double q(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
  }
}
