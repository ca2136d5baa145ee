package dev.telemetry.examples.demo;

import static dev.telemetry.contract.StandardMetrics.DB_POOL_UTILIZATION;
import static dev.telemetry.contract.StandardMetrics.DB_QUERY_DURATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_DURATION;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_ERRORS;
import static dev.telemetry.contract.StandardMetrics.HTTP_SERVER_REQUESTS;
import static dev.telemetry.contract.StandardMetrics.PROCESS_MEMORY_UTILIZATION;

import dev.telemetry.Counter;
import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated live traffic through the public recording API, one {@link #tick} at a time: requests
 * with latencies and errors, spans, WARN/ERROR logs (some carrying secrets the library must
 * scrub), database and external calls, jobs, heartbeats and business events.
 */
final class LiveTraffic {
  private final Telemetry telemetry;
  private final Random random;
  private final Histogram latency;
  private final Counter requests;
  private final Counter errors;
  private final Histogram dbQuery;
  private final Histogram jobDuration;
  private final Histogram externalApi;
  private final Counter cache;
  private final AtomicInteger activeConnections = new AtomicInteger(3);
  private final SimulatedHeap heap = new SimulatedHeap();
  private double carry;

  /** The pool size the utilisation gauge divides by. */
  static final int POOL_SIZE = 20;
  /** Share of successful requests indexed as spans (failed and slow ones always are), live and backfilled alike. */
  static final double SPAN_SAMPLING = 0.02;

  LiveTraffic(Telemetry telemetry, long seed) {
    this.telemetry = telemetry;
    this.random = new Random(seed);
    this.latency = telemetry.histogram(HTTP_SERVER_DURATION);
    this.requests = telemetry.counter(HTTP_SERVER_REQUESTS);
    this.errors = telemetry.counter(HTTP_SERVER_ERRORS);
    this.dbQuery = telemetry.histogram(DB_QUERY_DURATION);
    this.jobDuration = telemetry.histogram(DemoModel.JOB_DURATION);
    this.externalApi = telemetry.histogram(DemoModel.EXTERNAL_API_DURATION);
    this.cache = telemetry.counter(DemoModel.CACHE_REQUESTS);
    telemetry.gauge(DB_POOL_UTILIZATION).register(() -> activeConnections.get() / (double) POOL_SIZE, "pool", "primary");
    // The simulated service's heap, not this JVM's: the backfill's gauge is read at each simulated
    // minute, and the demo JVM's own heap at backfill time says nothing about that minute.
    telemetry.gauge(PROCESS_MEMORY_UTILIZATION).register(heap::utilization);
  }

  /**
   * Simulates {@code elapsed} of traffic ending at {@code now}. Every rate is per simulated second,
   * so a one-minute tick (the backfill) makes the same traffic as 300 ticks of 200 ms (live).
   */
  void tick(Instant now, Duration elapsed) {
    double incident = DemoModel.incidentFactor(now);
    carry += DemoModel.requestRate(now) * elapsed.toNanos() / 1e9;
    int n = (int) carry;
    carry -= n;
    double busySeconds = 0;
    for (int i = 0; i < n; i++) {
      busySeconds += request(now, incident);
    }
    // Little's law: connections in use = arrival rate × time each holds one = busy seconds / elapsed.
    double inUse = busySeconds / Math.max(1e-9, elapsed.toNanos() / 1e9);
    activeConnections.set((int) Math.min(POOL_SIZE,
        Math.round(2 + inUse + random.nextInt(3) + (incident > 1 ? 12 : 0))));
    heap.advance(n, incident);
    background(now, elapsed, incident);
  }

  /** Records one request; returns the seconds it held a database connection. */
  private double request(Instant now, double incident) {
    DemoModel.Route route = DemoModel.route(random);
    double seconds = DemoModel.latency(random, route, incident);
    boolean failed = random.nextDouble() < route.errorRate() * incident;
    int status = failed ? (random.nextBoolean() ? 503 : 500) : random.nextDouble() < 0.03 ? 404 : 200;
    String statusText = Integer.toString(status);
    latency.record(seconds, "route", route.template(), "method", route.method(), "status", statusText);
    requests.increment("route", route.template(), "method", route.method(), "status", statusText);
    double dbSeconds = seconds * 0.3 * random.nextDouble();
    dbQuery.record(dbSeconds, "operation", route.method().equals("GET") ? "select" : "insert");
    cache.increment("result", random.nextDouble() < 0.82 ? "hit" : "miss");
    String traceId = failed || seconds > 1.0 || random.nextDouble() < SPAN_SAMPLING ? DemoModel.hex(random, 32) : null;
    if (traceId != null) {
      telemetry.span(now.minusNanos((long) (seconds * 1e9)), traceId, DemoModel.hex(random, 16),
          route.method() + " " + route.template(), route.domain(), concrete(route.template()), status, failed,
          Duration.ofNanos((long) (seconds * 1e9)));
    }
    if (failed) {
      String errorType = DemoModel.ERROR_TYPES.get(random.nextInt(DemoModel.ERROR_TYPES.size()));
      errors.increment("route", route.template(), "method", route.method(), "error_type", errorType);
      telemetry.log(LogLevel.ERROR, route.domain(), "request_failed",
          route.method() + " " + concrete(route.template()) + " failed: " + errorType
              + (random.nextInt(4) == 0 ? " for user jane.doe@example.com with Authorization: Bearer "
                  + DemoModel.hex(random, 40) : ""),
          traceId, null, Map.of("error.type", errorType, "status", Integer.toString(status)));
    } else if (seconds > 1.0) {
      telemetry.log(LogLevel.WARN, route.domain(), "slow_request",
          route.method() + " " + route.template() + " took " + Math.round(seconds * 1000) + " ms", traceId, null,
          Map.of());
    }
    return seconds;
  }

  /** A raw path for a template, so the library's route templating has something to do. */
  private String concrete(String template) {
    return template.replace("{id}", Integer.toString(1000 + random.nextInt(9000)));
  }

  private void background(Instant now, Duration elapsed, double incident) {
    if (SimulatedTime.boundaries(now, elapsed, Duration.ofSeconds(2)) > 0) {
      telemetry.heartbeat("api", Duration.ofSeconds(30));
      telemetry.heartbeat("worker", Duration.ofSeconds(30));
    }
    if (SimulatedTime.boundaries(now, elapsed, Duration.ofSeconds(30)) > 0) {
      telemetry.keyRefreshed("price_snapshot", Duration.ofMinutes(1));
    }
    if (SimulatedTime.boundaries(now, elapsed, Duration.ofMinutes(4)) > 0) {
      telemetry.keyRefreshed("exchange_rates", Duration.ofMinutes(3));
    }
    for (long i = SimulatedTime.boundaries(now, elapsed, Duration.ofMinutes(1)); i > 0; i--) {
      double run = 0.5 + random.nextDouble() * 2 * incident;
      boolean ok = random.nextDouble() > 0.05 * incident;
      jobDuration.record(run, "job", "link_processor");
      telemetry.jobRun("link_processor", Duration.ofMinutes(1), Duration.ofMillis((long) (run * 1000)), ok,
          ok ? "processed batch" : "upstream timeout");
      telemetry.event("job_run", null, Map.of("job", "link_processor"), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          20 + random.nextInt(80));
    }
    for (long i = SimulatedTime.boundaries(now, elapsed, Duration.ofMinutes(10)); i > 0; i--) {
      boolean ok = random.nextDouble() > 0.1;
      telemetry.jobRun("digest_mailer", Duration.ofMinutes(10), Duration.ofSeconds(3 + random.nextInt(20)), ok,
          ok ? "sent" : "smtp timeout");
      telemetry.event("job_run", null, Map.of("job", "digest_mailer"), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          100 + random.nextInt(400));
    }
    for (long i = SimulatedTime.boundaries(now, elapsed, Duration.ofMinutes(5)); i > 0; i--) {
      // The alert dispatcher sends the notifications of the fired alerts; value = notifications sent.
      boolean ok = random.nextDouble() > 0.02 * incident;
      telemetry.jobRun("alert_dispatcher", Duration.ofMinutes(5), Duration.ofMillis(20_000 + random.nextInt(40_000)), ok,
          ok ? "dispatched" : "push gateway timeout");
      telemetry.event("job_run", null, Map.of("job", "alert_dispatcher"), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          random.nextInt(6));
    }
    for (int i = SimulatedTime.occurrences(random, 0.1, elapsed); i > 0; i--) {
      String provider = DemoModel.PROVIDERS.get(random.nextInt(DemoModel.PROVIDERS.size()));
      boolean ok = random.nextDouble() > 0.03 * incident;
      double s = 0.08 + random.nextDouble() * 0.4 * incident;
      externalApi.record(s, "provider", provider, "outcome", ok ? "success" : "failure");
      telemetry.event("api_call", null, Map.of("provider", provider), ok ? Outcome.SUCCESS : Outcome.FAILURE, s * 1000);
    }
    Events.emit(telemetry, random, now, elapsed);
  }
}
