package dev.telemetry.examples.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The dashboard side of the soak: each reader thread cycles over the API paths through one shared
 * {@link HttpClient} (HTTP/1.1 over loopback), timing every request. Anything but a 200 with no
 * failed section is an error, kept with its status and the start of its body.
 */
final class ReaderLoad {
  /** Label of each endpoint in the report → path and query under the API prefix. */
  static final Map<String, String> ENDPOINTS = endpoints();
  private static final Pattern FAILED_SECTION = Pattern.compile("\"errors\":\\[[^\\]]");
  /** The summary served before its first refresh (documented: one section error "not computed yet"). */
  private static final String SUMMARY_PLACEHOLDER = "{\"generated_at\":null,";
  private static final int KEPT_ERRORS = 20;

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<HttpRequest> requests = new ArrayList<>();
  private final List<String> names = new ArrayList<>(ENDPOINTS.keySet());
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong exceptions = new AtomicLong();
  private final AtomicLong placeholders = new AtomicLong();
  private final ConcurrentLinkedQueue<String> keptErrors = new ConcurrentLinkedQueue<>();
  private final AtomicLong keptCount = new AtomicLong();

  ReaderLoad(String apiBase, String token) {
    for (String path : ENDPOINTS.values()) {
      requests.add(HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).GET().build());
    }
  }

  /** One reader's latencies in microseconds, per endpoint in {@link #ENDPOINTS} order. */
  static final class Latencies {
    final long[][] micros;
    final int[] sizes;

    Latencies(int endpoints) {
      micros = new long[endpoints][1024];
      sizes = new int[endpoints];
    }

    void add(int endpoint, long us) {
      if (sizes[endpoint] == micros[endpoint].length) {
        micros[endpoint] = Arrays.copyOf(micros[endpoint], sizes[endpoint] * 2);
      }
      micros[endpoint][sizes[endpoint]++] = us;
    }
  }

  /** Sends requests until {@code stop} says so, starting at endpoint {@code reader % endpoints}. */
  Latencies run(int reader, BooleanSupplier stop) {
    Latencies latencies = new Latencies(requests.size());
    for (int i = reader % requests.size(); !stop.getAsBoolean(); i = (i + 1) % requests.size()) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
        latencies.add(i, (System.nanoTime() - start) / 1000);
        int status = response.statusCode();
        if (status >= 500) {
          serverErrors.incrementAndGet();
        }
        if (status == 200 && response.body().startsWith(SUMMARY_PLACEHOLDER)) {
          placeholders.incrementAndGet();
        } else if (status != 200 || FAILED_SECTION.matcher(response.body()).find()) {
          error(names.get(i) + " -> " + status + ": " + head(response.body()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return latencies;
      } catch (Exception e) {
        exceptions.incrementAndGet();
        error(names.get(i) + " threw " + e);
      }
    }
    return latencies;
  }

  private void error(String what) {
    errors.incrementAndGet();
    if (keptCount.incrementAndGet() <= KEPT_ERRORS) {
      keptErrors.add(what);
    }
  }

  /** Responses that were not a clean 200, plus requests that threw. */
  long errors() {
    return errors.get();
  }

  long serverErrors() {
    return serverErrors.get();
  }

  long exceptions() {
    return exceptions.get();
  }

  /** Summaries served before the summary service's first refresh. */
  long placeholders() {
    return placeholders.get();
  }

  /** The first few errors, for the report. */
  List<String> firstErrors() {
    return List.copyOf(keptErrors);
  }

  /** All readers' latencies of each endpoint, sorted ascending, keyed by endpoint label. */
  static Map<String, long[]> merge(List<Latencies> all) {
    Map<String, long[]> merged = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>(ENDPOINTS.keySet());
    for (int e = 0; e < labels.size(); e++) {
      int total = 0;
      for (Latencies l : all) {
        total += l.sizes[e];
      }
      long[] values = new long[total];
      int at = 0;
      for (Latencies l : all) {
        System.arraycopy(l.micros[e], 0, values, at, l.sizes[e]);
        at += l.sizes[e];
      }
      Arrays.sort(values);
      merged.put(labels.get(e), values);
    }
    return merged;
  }

  private static String head(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }

  private static Map<String, String> endpoints() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("/summary", "/summary");
    e.put("/trends 1h", "/trends?metric=http_server_duration_seconds&range=1h");
    e.put("/logs", "/logs?range=1h&limit=50");
    e.put("/top-routes", "/top-routes?range=1h&sort=latency");
    e.put("/health", "/health");
    return Collections.unmodifiableMap(e);
  }
}
