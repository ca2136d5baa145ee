package dev.telemetry.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * MEASUREMENT, not a JMH benchmark: {@code /summary} latency under concurrent clients, with the
 * server in another JVM (issue 16). Starts {@link SummaryLoadServer} as a child process (same
 * class path), then drives N keep-alive HTTP/1.1 connections from two NIO selector threads
 * ({@link ClosedLoopLoad}, a closed loop like {@code wrk -t2}: each connection sends {@code GET /summary}
 * again as soon as its answer is complete) for a fixed time, first plain ({@code 200} with the
 * body), then conditional ({@code If-None-Match} with the connection's last {@code ETag}: {@code
 * 304} while the summary is unchanged, {@code 200} once per 5 s refresh). Per mode: a warm-up, then
 * several timed rounds on the same connections; prints p50/p95/p99/max per round (HdrHistogram, 3 significant digits) and
 * the median and minimum of the rounds' p95, and per round the errors (non-2xx/304 answers,
 * connection errors, timeouts), the server's CPU time per request (process CPU time over the round
 * / requests: the load-independent cost), the generator's own CPU time per request and its share
 * of the CPU time both JVMs used (it competes with the server for the same cores) and the load
 * average. ADR 0064 compares it with the JDK {@code HttpClient} generator it replaced and wrk.
 *
 * <pre>
 * java [-DserverClassPath=other.jar] -cp benchmarks/target/benchmarks.jar \
 *     dev.telemetry.benchmarks.http.SummaryLoadGenerator [clients=50] [seconds per round=10] [rounds=5] [threads=2]
 * </pre>
 *
 * <p>{@code serverClassPath} runs the server from another build (A/B against the same client). Two
 * selector threads, not one: with one, p95 per round spread more on the loaded machine at the same
 * p50 (a single thread held off by the scheduler delays every connection at once; ADR 0064).
 */
public final class SummaryLoadGenerator {
  private SummaryLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("serverClassPath", System.getProperty("java.class.path")),
        SummaryLoadServer.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      URI url = URI.create(awaitReady(server) + "/summary");
      System.out.println("server JVM pid " + server.pid() + ", " + url + ", " + clients + " clients, "
          + rounds + " rounds of " + seconds + " s per mode, latencies in ms; generator: " + threads
          + " NIO selector thread(s), keep-alive HTTP/1.1, closed loop");
      ClosedLoopLoad load = new ClosedLoopLoad(new InetSocketAddress(url.getHost(), url.getPort()), url.getRawPath(),
          "Bearer " + SummaryLoadServer.TOKEN, Duration.ofSeconds(30));
      for (boolean conditional : new boolean[] {false, true}) {
        String mode = conditional ? "If-None-Match" : "plain";
        try (ClosedLoopLoad.Session session = load.open(clients, threads, conditional)) {
          LoadResult warmUp = session.round(Duration.ofSeconds(Math.max(3, seconds / 2)));
          if (warmUp.errors() > 0) {
            System.out.printf("%s warm-up ERRORS: %s%n", mode, warmUp.describeErrors());
          }
          double[] p95 = new double[rounds];
          long errors = 0;
          for (int r = 0; r < rounds; r++) {
            long serverCpu0 = cpuNanos(server.toHandle());
            long ownCpu0 = cpuNanos(ProcessHandle.current());
            LoadResult result = session.round(Duration.ofSeconds(seconds));
            long serverCpu = cpuNanos(server.toHandle()) - serverCpu0;
            long ownCpu = cpuNanos(ProcessHandle.current()) - ownCpu0;
            p95[r] = result.quantileMillis(0.95);
            errors += result.errors();
            long n = Math.max(1, result.answers());
            System.out.printf(Locale.ROOT, "%s round %d: n=%d (%.0f/s, %d × 304, %d errors) p50=%.2f p95=%.2f"
                    + " p99=%.2f max=%.2f server-cpu=%.1fus/req generator-cpu=%.1fus/req generator-cpu-share=%.0f%%"
                    + " load=%.1f%n",
                mode, r + 1, result.answers(), result.answers() / (double) seconds, result.notModified(),
                result.errors(), result.quantileMillis(0.50), p95[r], result.quantileMillis(0.99),
                result.quantileMillis(1.0), serverCpu / 1e3 / n, ownCpu / 1e3 / n,
                100.0 * ownCpu / Math.max(1, ownCpu + serverCpu),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (result.errors() > 0) {
              System.out.printf("%s round %d ERRORS: %s%n", mode, r + 1, result.describeErrors());
            }
          }
          Arrays.sort(p95);
          System.out.printf(Locale.ROOT, "%s: p95 median %.2f ms, minimum %.2f ms over %d rounds, %d errors%n", mode,
              p95[rounds / 2], p95[0], rounds, errors);
        }
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
}
