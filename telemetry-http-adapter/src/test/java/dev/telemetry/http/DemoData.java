package dev.telemetry.http;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.testkit.StoreRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A day of plausible traffic written straight into a store (deterministic, seeded). */
final class DemoData {
  static final String[] ROUTES = {"/api/cart/{id}", "/api/checkout", "/api/products", "/api/users/{id}/orders"};

  private DemoData() {}

  static MetricContract contract() {
    return StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
  }

  static void populate(TelemetryStore store, Instant now, int minutes, int logs, int spans) {
    Random r = new Random(42);
    List<MetricSample> samples = new ArrayList<>();
    for (int m = 1; m <= minutes; m++) {
      Instant bucket = now.minusSeconds(60L * m).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      double wave = 1 + 0.5 * Math.sin(m / 90.0);
      for (int i = 0; i < ROUTES.length; i++) {
        double base = 0.02 * (i + 1) * wave;
        double[] values = new double[20];
        for (int v = 0; v < values.length; v++) {
          values[v] = base * Math.exp(r.nextGaussian() * 0.5);
        }
        Map<String, String> labels = Map.of("route", ROUTES[i], "method", "GET", "status", "2xx");
        samples.add(StoreRows.histogram(StandardMetrics.HTTP_SERVER_DURATION, bucket, "node-a", labels, values));
        samples.add(StoreRows.counter(StandardMetrics.HTTP_SERVER_REQUESTS, bucket, "node-a", labels, 1,
            Math.round(600 * wave / (i + 1))));
        if (r.nextInt(4) == 0) {
          samples.add(StoreRows.counter(StandardMetrics.HTTP_SERVER_ERRORS, bucket, "node-a",
              Map.of("route", ROUTES[i], "method", "GET", "error_type", i % 2 == 0 ? "db" : "timeout"), 1,
              1 + r.nextInt(6)));
        }
      }
      samples.add(StoreRows.gauge(StandardMetrics.DB_POOL_UTILIZATION, bucket, "node-a", Map.of(),
          0.35 + 0.25 * Math.sin(m / 60.0) * Math.sin(m / 60.0), 0.4));
      samples.add(StoreRows.gauge(StandardMetrics.PROCESS_MEMORY_UTILIZATION, bucket, "node-a", Map.of(),
          0.55 + 0.05 * r.nextDouble()));
    }
    for (int from = 0; from < samples.size(); from += 5000) {
      store.write(StoreRows.samples(samples.subList(from, Math.min(from + 5000, samples.size()))
          .toArray(MetricSample[]::new)));
    }
    String[] domains = {"payments", "auth", "db", "search"};
    String[] events = {"charge_failed", "login_failed", "query_slow", "index_timeout"};
    List<LogEvent> logRows = new ArrayList<>();
    for (int i = 0; i < logs; i++) {
      int d = i % domains.length;
      logRows.add(new LogEvent(now.minusSeconds(17L * i + 3), i % 3 == 0 ? LogLevel.ERROR : LogLevel.WARN, "shop",
          "node-a", domains[d], events[d], events[d].replace('_', ' ') + " #" + i + " after " + (20 + i % 70) + " ms",
          String.format("%032x", 0xabc000L + i), String.format("%016x", i), Map.of()));
    }
    List<TraceRecord> traceRows = new ArrayList<>();
    for (int i = 0; i < spans; i++) {
      int route = i % ROUTES.length;
      int status = i % 11 == 0 ? 503 : 200;
      traceRows.add(new TraceRecord(now.minusSeconds(23L * i + 5), String.format("%032x", 0xabc000L + i),
          String.format("%016x", i), "GET " + ROUTES[route], "shop", "node-a", "api", ROUTES[route], status,
          status >= 500, i % 7 == 0 ? 1200 + r.nextInt(800) : 15 + r.nextInt(120)));
    }
    List<BusinessEvent> eventRows = new ArrayList<>();
    String[] networks = {"mainnet", "testnet", "devnet"};
    for (int i = 0; i < 120; i++) {
      eventRows.add(new BusinessEvent(now.minusSeconds(600L * i + 30), "deployment_created", "subject-" + (i % 17),
          Map.of("network", networks[i % 3]), i % 9 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, 1, "shop", "node-a"));
    }
    List<Heartbeat> beats = List.of(
        new Heartbeat("price_snapshot", Heartbeat.Kind.KEY, "node-a", now.minusSeconds(20), Duration.ofMinutes(1),
            Duration.ZERO, true, ""),
        new Heartbeat("nightly_report", Heartbeat.Kind.JOB, "node-a", now.minusSeconds(3600 * 30),
            Duration.ofHours(24), Duration.ofSeconds(42), true, "rows=1200"),
        new Heartbeat("search_indexer", Heartbeat.Kind.SERVICE, "node-b", now.minusSeconds(600),
            Duration.ofMinutes(2), Duration.ZERO, true, ""));
    store.write(StoreRows.batch(List.of(), logRows, traceRows, eventRows, beats));
  }
}
