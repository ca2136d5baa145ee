package dev.telemetry.benchmarks.http;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MEASUREMENT helper: the server side of the {@code /summary} load test. A {@link Telemetry} over an
 * in-memory store holding the last hour of minutes for 20 routes (latency histogram and request
 * counter, as the pipeline writes them), with the dashboard on the JDK server, running until its
 * standard input closes. Prints {@code READY <base url>} once it serves. Run it in its own JVM and
 * point {@link SummaryLoadGenerator} at it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.http.SummaryLoadServer [port] [threads]
 * </pre>
 */
public final class SummaryLoadServer {
  /** The bearer token the generator sends. */
  public static final String TOKEN = "summary-load-test-token";

  private SummaryLoadServer() {}

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    MetricContract contract = StandardMetrics.addHttpServer(MetricContract.builder()).build();
    InMemoryStore store = InMemoryStore.create();
    fill(store, Instant.now());
    try (Telemetry telemetry = Telemetry.builder().service("load").node("node-0").store(store).contract(contract)
            .closeOnShutdown(false).build();
        TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
            .authorizer(Authorizer.bearerToken("ops", TOKEN)).audit(e -> { }).build();
        JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", port),
            threads, Duration.ofSeconds(30))) {
      System.out.println("READY http://127.0.0.1:" + server.port() + TelemetryDashboard.DEFAULT_MOUNT
          + TelemetryDashboard.API_PREFIX);
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the launcher closes stdin
      }
    }
  }

  /** The hour before {@code now}: one batch per minute with its node-merged copies. */
  private static void fill(InMemoryStore store, Instant now) {
    Instant hour = Resolution.MINUTE.bucketStart(now).minus(Duration.ofHours(1));
    Random random = new Random(42);
    for (int m = 0; m < 60; m++) {
      Instant minute = hour.plus(Duration.ofMinutes(m));
      List<MetricSample> samples = new ArrayList<>();
      for (int r = 0; r < 20; r++) {
        Map<String, String> labels = Map.of("route", "/r" + r, "method", "GET", "status", r == 0 ? "500" : "200");
        LatencySketch sketch = new LatencySketch();
        double sum = 0;
        int count = 50 + random.nextInt(200);
        for (int v = 0; v < count; v++) {
          double value = (1 + random.nextInt(400)) / 1024.0;
          sketch.record(value);
          sum += value;
        }
        samples.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_DURATION, "node-0",
            labels, MetricKind.HISTOGRAM, count, sum, sketch.min(), sketch.max(), Double.NaN, sketch));
        samples.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_REQUESTS, "node-0",
            labels, MetricKind.COUNTER, count, count, Double.NaN, Double.NaN, Double.NaN, null));
      }
      WriteBatch batch = new WriteBatch("fill-" + m, "node-0", samples, List.of(), List.of(), List.of(), List.of())
          .withClusterSamples();
      store.write(batch);
      Watermarks.noteClusterRows(store, batch);
    }
  }
}
