package dev.telemetry.examples.demo;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * The simulated application: an HTTP API for a deployment platform, its database pool,
 * background jobs, external API calls and business events. The live simulator and the history
 * backfill draw from the same model, so charts look continuous.
 */
final class DemoModel {
  static final String JOB_DURATION = "job_duration_seconds";
  static final String EXTERNAL_API_DURATION = "external_api_duration_seconds";
  static final String CACHE_REQUESTS = "cache_requests_total";
  static final String LINK_PROCESSING = "link_processing_duration_seconds";

  /** A route with its share of traffic, median latency (s), spread and 5xx probability. */
  record Route(String method, String template, double weight, double medianSeconds, double sigma,
      double errorRate, String domain) {}

  static final List<Route> ROUTES = List.of(
      new Route("GET", "/api/projects", 0.30, 0.035, 0.5, 0.002, "projects"),
      new Route("GET", "/api/projects/{id}", 0.22, 0.045, 0.6, 0.004, "projects"),
      new Route("POST", "/api/deployments", 0.08, 0.140, 0.6, 0.020, "deployments"),
      new Route("GET", "/api/deployments/{id}/status", 0.15, 0.060, 0.5, 0.006, "deployments"),
      new Route("POST", "/api/links", 0.10, 0.070, 0.6, 0.012, "links"),
      new Route("GET", "/api/users/{id}", 0.10, 0.030, 0.4, 0.001, "users"),
      new Route("POST", "/api/auth/login", 0.05, 0.120, 0.5, 0.008, "auth"));

  static final List<String> NETWORKS = List.of("mainnet", "testnet", "devnet");
  static final double[] NETWORK_WEIGHTS = {0.55, 0.35, 0.10};
  static final List<String> TEMPLATES = List.of("nextjs", "static-site", "api-server", "worker", "cron");
  static final double[] TEMPLATE_WEIGHTS = {0.38, 0.24, 0.20, 0.12, 0.06};
  static final List<String> TIERS = List.of("free", "pro", "enterprise");
  static final double[] TIER_WEIGHTS = {0.72, 0.23, 0.05};
  static final List<String> PROVIDERS = List.of("openai", "stripe", "github");
  /** Domains of submitted links, most popular first: a long tail, so the top 10 leave an "other" row. */
  static final List<String> LINK_DOMAINS = List.of("github.com", "youtube.com", "news.ycombinator.com", "medium.com",
      "docs.google.com", "stackoverflow.com", "twitter.com", "reddit.com", "wikipedia.org", "arxiv.org",
      "example.org", "substack.com", "dev.to", "nytimes.com");
  static final List<String> ERROR_TYPES = List.of("TimeoutException", "SQLTransientConnectionException",
      "UpstreamUnavailable", "IllegalStateException");

  private DemoModel() {}

  /** The demo's contract: the standard golden-signal metrics plus the app's own. */
  static MetricContract contract() {
    return StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder()))
        .histogram(JOB_DURATION, m -> m.unit(MetricUnit.SECONDS).labels("job").description("Background job run"))
        .histogram(EXTERNAL_API_DURATION, m -> m.unit(MetricUnit.SECONDS).labels("provider", "outcome")
            .description("Calls to external APIs"))
        .counter(CACHE_REQUESTS, m -> m.signal(GoldenSignal.NONE).labels("result").description("Cache lookups"))
        .histogram(LINK_PROCESSING, m -> m.unit(MetricUnit.SECONDS).labels("status")
            .description("Time to process a submitted link"))
        .build();
  }

  /** Requests per second at {@code t}: a daily wave, busier on weekdays, with noise. */
  static double requestRate(Instant t) {
    var utc = t.atZone(ZoneOffset.UTC);
    double hour = utc.getHour() + utc.getMinute() / 60.0;
    double daily = 0.55 + 0.45 * Math.sin((hour - 9) / 24 * 2 * Math.PI);
    double weekday = utc.getDayOfWeek().getValue() >= 6 ? 0.6 : 1.0;
    return 18 * daily * weekday;
  }

  /** A degraded window every ~29 hours lasting 20 minutes: slower and failing more. */
  static double incidentFactor(Instant t) {
    long minutes = t.getEpochSecond() / 60;
    return minutes % (29 * 60) < 20 ? 4.0 : 1.0;
  }

  static double latency(Random random, Route route, double incident) {
    return Math.exp(Math.log(route.medianSeconds() * (incident > 1 ? 2.5 : 1)) + route.sigma() * random.nextGaussian());
  }

  /** A link domain, the k-th most popular with weight 1/(k+1) (a Zipf-like tail). */
  static String linkDomain(Random random) {
    double total = 0;
    for (int k = 0; k < LINK_DOMAINS.size(); k++) {
      total += 1.0 / (k + 1);
    }
    double r = random.nextDouble() * total;
    for (int k = 0; k < LINK_DOMAINS.size(); k++) {
      r -= 1.0 / (k + 1);
      if (r <= 0) {
        return LINK_DOMAINS.get(k);
      }
    }
    return LINK_DOMAINS.get(LINK_DOMAINS.size() - 1);
  }

  static <T> T pick(Random random, List<T> values, double[] weights) {
    double r = random.nextDouble();
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r <= 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  static Route route(Random random) {
    double r = random.nextDouble();
    for (Route route : ROUTES) {
      r -= route.weight();
      if (r <= 0) {
        return route;
      }
    }
    return ROUTES.get(0);
  }

  static String hex(Random random, int chars) {
    StringBuilder b = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
