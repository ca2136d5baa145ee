package dev.telemetry.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * MEASUREMENT, not a JMH benchmark: {@code /summary} latency under concurrent clients, with the
 * server in another JVM (issue 16). Starts {@link SummaryLoadServer} as a child process (same
 * class path), then N client threads sharing one {@link HttpClient} (HTTP/1.1, keep-alive) send
 * {@code GET /summary} back to back for a fixed time, first plain ({@code 200} with the body),
 * then conditional ({@code If-None-Match} with the last {@code ETag}: {@code 304} while the
 * summary is unchanged, {@code 200} once per 5 s refresh). Per mode: a warm-up, then several timed
 * rounds; prints p50/p95/p99/max per round and the median and minimum of the rounds' p95, and
 * per round the server's CPU time per request (process CPU time over the round / requests: the
 * load-independent cost), the generator's own share of the CPU time both JVMs used (it competes
 * with the server for the same cores) and the load average.
 *
 * <pre>
 * java [-DserverClassPath=other.jar] -cp benchmarks/target/benchmarks.jar \
 *     dev.telemetry.benchmarks.http.SummaryLoadGenerator [clients=50] [seconds per round=10] [rounds=5]
 * </pre>
 *
 * <p>{@code serverClassPath} runs the server from another build (A/B against the same client).
 */
public final class SummaryLoadGenerator {
  private SummaryLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("serverClassPath", System.getProperty("java.class.path")),
        SummaryLoadServer.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String base = awaitReady(server);
      String url = base + "/summary";
      System.out.println("server JVM pid " + server.pid() + ", " + url + ", " + clients + " clients, "
          + rounds + " rounds of " + seconds + " s per mode, latencies in ms");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      for (boolean conditional : new boolean[] {false, true}) {
        String mode = conditional ? "If-None-Match" : "plain";
        run(client, url, clients, Math.max(3, seconds / 2), conditional); // warm-up
        double[] p95 = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          long serverCpu0 = cpuNanos(server.toHandle());
          long ownCpu0 = cpuNanos(ProcessHandle.current());
          Result result = run(client, url, clients, seconds, conditional);
          long serverCpu = cpuNanos(server.toHandle()) - serverCpu0;
          long ownCpu = cpuNanos(ProcessHandle.current()) - ownCpu0;
          p95[r] = result.quantile(0.95);
          System.out.printf("%s round %d: n=%d (%.0f/s, %d × 304) p50=%.2f p95=%.2f p99=%.2f max=%.2f"
                  + " server-cpu=%.1fus/req generator-cpu-share=%.0f%% load=%.1f%n", mode, r + 1,
              result.latencies.length, result.latencies.length / (double) seconds, result.notModified,
              result.quantile(0.50), p95[r], result.quantile(0.99), result.quantile(1.0),
              serverCpu / 1e3 / Math.max(1, result.latencies.length), 100.0 * ownCpu / Math.max(1, ownCpu + serverCpu),
              java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        Arrays.sort(p95);
        System.out.printf("%s: p95 median %.2f ms, minimum %.2f ms over %d rounds%n", mode, p95[rounds / 2], p95[0],
            rounds);
      }
    } finally {
      try (OutputStream stdin = server.getOutputStream()) {
        stdin.flush();
      }
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroy();
      }
    }
  }

  /** Total CPU time of a process so far (user + system), in ns. */
  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
  }

  private static String awaitReady(Process server) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("READY ")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keeps the child's stdout from filling up
            }
          } catch (IOException ignored) {
            // the child exited
          }
        }, "server-stdout");
        drain.setDaemon(true);
        drain.start();
        return line.substring("READY ".length());
      }
    }
    throw new IllegalStateException("the server exited before it was ready (exit " + server.waitFor() + ")");
  }

  private record Result(long[] latencies, long notModified) {
    double quantile(double q) {
      int i = Math.min(latencies.length - 1, Math.max(0, (int) Math.ceil(q * latencies.length) - 1));
      return latencies[i] / 1e6;
    }
  }

  /** {@code clients} threads sending back to back for {@code seconds}; sorted latencies in ns. */
  private static Result run(HttpClient client, String url, int clients, int seconds, boolean conditional)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long[] notModified = new long[clients];
      for (int c = 0; c < clients; c++) {
        int self = c;
        futures.add(pool.submit(() -> {
          long[] ns = new long[1024];
          int n = 0;
          String etag = null;
          while (System.nanoTime() < end) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SummaryLoadServer.TOKEN).GET();
            if (conditional && etag != null) {
              request.header("If-None-Match", etag);
            }
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (response.statusCode() == 304) {
              notModified[self]++;
            } else if (response.statusCode() == 200) {
              etag = response.headers().firstValue("ETag").orElse(null);
            } else {
              throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url);
            }
            if (n == ns.length) {
              ns = Arrays.copyOf(ns, n * 2);
            }
            ns[n++] = took;
          }
          return Arrays.copyOf(ns, n);
        }));
      }
      long[] all = new long[0];
      for (Future<long[]> f : futures) {
        long[] part = f.get(seconds + 60L, TimeUnit.SECONDS);
        long[] merged = Arrays.copyOf(all, all.length + part.length);
        System.arraycopy(part, 0, merged, all.length, part.length);
        all = merged;
      }
      Arrays.sort(all);
      return new Result(all, Arrays.stream(notModified).sum());
    } finally {
      pool.shutdownNow();
    }
  }
}
