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
  private final double spanSampling;
  private double carry;
  private long ticks;

  /**
   * @param spanSampling share of successful requests indexed as spans (failed ones always are)
   */
  LiveTraffic(Telemetry telemetry, long seed, double spanSampling) {
    this.telemetry = telemetry;
    this.spanSampling = spanSampling;
    this.random = new Random(seed);
    this.latency = telemetry.histogram(HTTP_SERVER_DURATION);
    this.requests = telemetry.counter(HTTP_SERVER_REQUESTS);
    this.errors = telemetry.counter(HTTP_SERVER_ERRORS);
    this.dbQuery = telemetry.histogram(DB_QUERY_DURATION);
    this.jobDuration = telemetry.histogram(DemoModel.JOB_DURATION);
    this.externalApi = telemetry.histogram(DemoModel.EXTERNAL_API_DURATION);
    this.cache = telemetry.counter(DemoModel.CACHE_REQUESTS);
    telemetry.gauge(DB_POOL_UTILIZATION).register(() -> activeConnections.get() / 20.0, "pool", "primary");
    telemetry.gauge(PROCESS_MEMORY_UTILIZATION).register(() -> {
      Runtime rt = Runtime.getRuntime();
      return (rt.totalMemory() - rt.freeMemory()) / (double) rt.maxMemory();
    });
  }

  /** Simulates {@code elapsed} of traffic ending at {@code now}. */
  void tick(Instant now, Duration elapsed) {
    ticks++;
    double incident = DemoModel.incidentFactor(now);
    carry += DemoModel.requestRate(now) * elapsed.toNanos() / 1e9;
    int n = (int) carry;
    carry -= n;
    int busy = 0;
    for (int i = 0; i < n; i++) {
      busy += request(now, incident);
    }
    activeConnections.set(Math.min(20, 2 + busy + random.nextInt(3) + (incident > 1 ? 12 : 0)));
    background(now, incident);
  }

  private int request(Instant now, double incident) {
    DemoModel.Route route = DemoModel.route(random);
    double seconds = DemoModel.latency(random, route, incident);
    boolean failed = random.nextDouble() < route.errorRate() * incident;
    int status = failed ? (random.nextBoolean() ? 503 : 500) : random.nextDouble() < 0.03 ? 404 : 200;
    String statusText = Integer.toString(status);
    latency.record(seconds, "route", route.template(), "method", route.method(), "status", statusText);
    requests.increment("route", route.template(), "method", route.method(), "status", statusText);
    dbQuery.record(seconds * 0.3 * random.nextDouble(), "operation", route.method().equals("GET") ? "select" : "insert");
    cache.increment("result", random.nextDouble() < 0.82 ? "hit" : "miss");
    String traceId = failed || seconds > 1.0 || random.nextDouble() < spanSampling ? DemoModel.hex(random, 32) : null;
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
    return seconds > 0.2 ? 1 : 0;
  }

  /** A raw path for a template, so the library's route templating has something to do. */
  private String concrete(String template) {
    return template.replace("{id}", Integer.toString(1000 + random.nextInt(9000)));
  }

  private void background(Instant now, double incident) {
    if (ticks % 10 == 0) {
      telemetry.heartbeat("api", Duration.ofSeconds(30));
      telemetry.heartbeat("worker", Duration.ofSeconds(30));
    }
    if (ticks % 150 == 0) {
      telemetry.keyRefreshed("price_snapshot", Duration.ofMinutes(1));
    }
    if (ticks % 1200 == 0) {
      telemetry.keyRefreshed("exchange_rates", Duration.ofMinutes(3));
    }
    if (ticks % 300 == 0) {
      double run = 0.5 + random.nextDouble() * 2 * incident;
      boolean ok = random.nextDouble() > 0.05 * incident;
      jobDuration.record(run, "job", "link_processor");
      telemetry.jobRun("link_processor", Duration.ofMinutes(1), Duration.ofMillis((long) (run * 1000)), ok,
          ok ? "processed batch" : "upstream timeout");
      telemetry.event("job_run", null, Map.of("job", "link_processor"), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          20 + random.nextInt(80));
    }
    if (ticks % 3000 == 0) {
      boolean ok = random.nextDouble() > 0.1;
      telemetry.jobRun("digest_mailer", Duration.ofMinutes(10), Duration.ofSeconds(3 + random.nextInt(20)), ok,
          ok ? "sent" : "smtp timeout");
      telemetry.event("job_run", null, Map.of("job", "digest_mailer"), ok ? Outcome.SUCCESS : Outcome.FAILURE,
          100 + random.nextInt(400));
    }
    if (ticks % 50 == 0) {
      String provider = DemoModel.PROVIDERS.get(random.nextInt(DemoModel.PROVIDERS.size()));
      boolean ok = random.nextDouble() > 0.03 * incident;
      double s = 0.08 + random.nextDouble() * 0.4 * incident;
      externalApi.record(s, "provider", provider, "outcome", ok ? "success" : "failure");
      telemetry.event("api_call", null, Map.of("provider", provider), ok ? Outcome.SUCCESS : Outcome.FAILURE, s * 1000);
    }
    Events.maybeEmit(telemetry, random, ticks);
  }
}
