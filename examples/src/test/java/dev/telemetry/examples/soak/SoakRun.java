package dev.telemetry.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.TelemetryStore;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * One soak against one store: a {@link Telemetry} (1 s flush, the standard HTTP metrics) and its
 * dashboard on the JDK server; {@value #WRITERS} writer threads recording at full rate and
 * {@value #READERS} HTTP readers for the duration; heap sampled after a GC at the start, the middle
 * and the end; then {@code close()} and a read-back of everything through a fresh store.
 */
final class SoakRun {
  static final int WRITERS = 4;
  static final int READERS = 50;
  private static final Duration WINDOW_MARGIN = Duration.ofMinutes(2);

  private final String name;
  private final String node;
  private final Supplier<TelemetryStore> storeUnderLoad;
  private final Supplier<TelemetryStore> storeForReadBack;
  private final Duration duration;

  /**
   * @param storeUnderLoad the store the telemetry writes to (closed by it)
   * @param storeForReadBack a second store over the same data, opened after {@code close()}
   */
  SoakRun(String name, Supplier<TelemetryStore> storeUnderLoad, Supplier<TelemetryStore> storeForReadBack,
      Duration duration) {
    this.name = name;
    this.node = "soak-" + name;
    this.storeUnderLoad = storeUnderLoad;
    this.storeForReadBack = storeForReadBack;
    this.duration = duration;
  }

  SoakResult run() throws Exception {
    String token = UUID.randomUUID().toString();
    AtomicLong auditEntries = new AtomicLong();
    Instant startedAt = Instant.now();
    Telemetry telemetry = Telemetry.builder().service("soak").node(node)
        .contract(StandardMetrics.addHttpServer(MetricContract.builder()).build())
        .store(storeUnderLoad.get()).flushInterval(Duration.ofSeconds(1))
        .redaction(RedactionPolicy.builder().pseudonymSalt("soak-test-salt-0123456789abcdef").build())
        .eventDimensionKeys(WriterLoad.EVENT_DIMENSION).closeOnShutdown(false).build();
    SoakResult result = new SoakResult(name, duration);
    try {
      try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
              .authorizer(Authorizer.bearerToken("soak", token)).audit(e -> auditEntries.incrementAndGet()).build();
          JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0))) {
        String api = "http://127.0.0.1:" + server.port() + dashboard.mount() + TelemetryDashboard.API_PREFIX;
        load(telemetry, new ReaderLoad(api, token), result);
        result.healthAtEnd = health(api, token);
      }
    } finally {
      long closeStart = System.nanoTime();
      telemetry.close();
      result.closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
    }
    result.selfMetrics = telemetry.selfMetrics();
    result.auditEntries = auditEntries.get();
    try (TelemetryStore readBack = storeForReadBack.get()) {
      result.stored = StoredTotals.read(readBack, node, startedAt.minus(WINDOW_MARGIN),
          Instant.now().plus(WINDOW_MARGIN));
    }
    return result;
  }

  private void load(Telemetry telemetry, ReaderLoad readers, SoakResult result) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLongArray progress = new AtomicLongArray(WRITERS);
    ConcurrentLinkedQueue<Throwable> writerErrors = new ConcurrentLinkedQueue<>();
    List<WriterLoad> writers = new ArrayList<>();
    ExecutorService writerPool = Executors.newFixedThreadPool(WRITERS, named("soak-writer"));
    ExecutorService readerPool = Executors.newFixedThreadPool(READERS, named("soak-reader"));
    try {
      result.heapStart = usedHeapAfterGc();
      long t0 = System.nanoTime();
      List<Future<?>> writing = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        WriterLoad w = new WriterLoad(telemetry, i, progress);
        writers.add(w);
        writing.add(writerPool.submit(() -> {
          try {
            w.run(stop::get);
          } catch (Throwable e) {
            writerErrors.add(e);
          }
        }));
      }
      List<Future<ReaderLoad.Latencies>> reading = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        int reader = i;
        reading.add(readerPool.submit(() -> readers.run(reader, stop::get)));
      }

      long[] atMiddle = sleepUntilThenSnapshot(t0 + duration.toNanos() / 2, progress);
      long tMiddle = System.nanoTime();
      result.heapMiddle = usedHeapAfterGc();
      long[] atEnd = sleepUntilThenSnapshot(t0 + duration.toNanos(), progress);
      long tEnd = System.nanoTime();
      result.heapEnd = usedHeapAfterGc();
      stop.set(true);

      for (Future<?> f : writing) {
        f.get(30, TimeUnit.SECONDS);
      }
      List<ReaderLoad.Latencies> latencies = new ArrayList<>();
      for (Future<ReaderLoad.Latencies> f : reading) {
        latencies.add(f.get(60, TimeUnit.SECONDS));
      }
      result.writersDone(writers, List.copyOf(writerErrors), atMiddle, atEnd, tMiddle - t0, tEnd - tMiddle);
      result.readersDone(readers, ReaderLoad.merge(latencies));
    } catch (TimeoutException e) {
      throw new AssertionError("the load did not stop within its bound", e);
    } finally {
      stop.set(true);
      writerPool.shutdownNow();
      readerPool.shutdownNow();
    }
  }

  private static long[] sleepUntilThenSnapshot(long deadlineNanos, AtomicLongArray progress)
      throws InterruptedException {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
    }
    long[] snapshot = new long[progress.length()];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = progress.get(i);
    }
    return snapshot;
  }

  /** Used heap after two full collections (System.gc via the MemoryMXBean). */
  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** service → status from one last {@code /health} read. */
  private static Map<String, String> health(String api, String token) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(api + "/health"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, String> statuses = new LinkedHashMap<>();
    if (response.statusCode() != 200) {
      statuses.put("/health", "HTTP " + response.statusCode());
      return statuses;
    }
    for (JsonNode service : new ObjectMapper().readTree(response.body()).path("services")) {
      statuses.put(service.path("service").asText(), service.path("status").asText());
    }
    return statuses;
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
