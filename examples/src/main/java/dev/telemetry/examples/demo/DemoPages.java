package dev.telemetry.examples.demo;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.Freshness;
import dev.telemetry.health.FreshnessStatus;
import dev.telemetry.health.FreshnessView;
import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import dev.telemetry.query.EventAnalytics;
import dev.telemetry.query.EventAnalyticsQuery;
import dev.telemetry.query.EventShare;
import dev.telemetry.query.LogSearch;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendPoint;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.query.TrendSeries;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Host-defined pages that rebuild the admin dashboards real teams drew by hand (the seeds):
 * overview, users, API usage, freshness, jobs, deployments and link processing. Each is a typed
 * provider with its own TTL; a section that fails leaves the others standing.
 */
final class DemoPages {
  private static final QueryRange DAY = QueryRange.last(TimeRange.LAST_24_HOURS);
  private static final QueryRange MONTH = QueryRange.last(TimeRange.LAST_30_DAYS);
  /** Invite codes and how often each may be used (the app's own configuration). */
  private static final Map<String, Integer> INVITE_CODES = Map.of("LAUNCH1", 100, "LAUNCH2", 50, "LAUNCH3", 25);

  private final TelemetryQueries queries;
  private final FreshnessView freshness;
  private final TelemetryStore store;
  private final Clock clock;
  private final Supplier<List<ServiceHealth>> health;

  DemoPages(TelemetryQueries queries, FreshnessView freshness, TelemetryStore store, Clock clock,
      Supplier<List<ServiceHealth>> health) {
    this.queries = queries;
    this.freshness = freshness;
    this.store = store;
    this.clock = clock;
    this.health = health;
  }

  List<PageProvider> all() {
    return List.of(overview(), users(), apiUsage(), freshnessPage(), jobs(), deployments(), linkProcessing());
  }

  // ---- the pages ---------------------------------------------------------------------------

  record Overview(long activeUsers24h, long commands24h, long alertsFired24h, long staleKeys, long servicesDown,
      long abuseBlocks24h) {}

  PageProvider overview() {
    return PageProvider.of("overview", Duration.ofSeconds(30), PageSection.of("totals", () -> new Overview(
        events("user_active", DAY).distinctSubjects(),
        events("command_executed", DAY).count(),
        events("alert_fired", DAY).count(),
        freshness.read().stream().filter(f -> f.kind() == Heartbeat.Kind.KEY && f.status() != FreshnessStatus.FRESH)
            .count(),
        health.get().stream().filter(h -> h.status() == HealthStatus.DOWN).count(),
        events("abuse_blocked", DAY).count())));
  }

  record InviteCode(String code, long redeemed, int maxUses) {}

  record TierChange(Instant at, String from, String to) {}

  PageProvider users() {
    return PageProvider.of("users", Duration.ofMinutes(1),
        PageSection.of("total", () -> Map.of("users_seen_30d", events("user_active", MONTH).distinctSubjects())),
        PageSection.of("tier_distribution", () -> queries.events(
            EventAnalyticsQuery.of("user_active", DAY).by("tier")).breakdown()),
        PageSection.of("active_sessions_24h", () -> Map.of("value", events("user_active", DAY).distinctSubjects())),
        PageSection.of("invite_codes", () -> {
          Map<String, Long> redeemed = new LinkedHashMap<>();
          for (EventShare s : queries.events(EventAnalyticsQuery.of("invite_redeemed", MONTH).by("code")).breakdown()) {
            redeemed.put(s.value(), s.count());
          }
          return INVITE_CODES.entrySet().stream().sorted(Map.Entry.comparingByKey())
              .map(e -> new InviteCode(e.getKey(), redeemed.getOrDefault(e.getKey(), 0L), e.getValue())).toList();
        }),
        PageSection.of("recent_tier_changes", () -> store.readEvents(
                new EventQuery("tier_changed", clock.instant().minus(Duration.ofDays(7)), clock.instant(), 10))
            .stream().map(e -> new TierChange(e.ts(), e.dimensions().get("from"), e.dimensions().get("to"))).toList()));
  }

  record ProviderUsage(String provider, long calls, long errors, Double avgMs, Double p95Ms) {}

  PageProvider apiUsage() {
    return PageProvider.of("api-usage", Duration.ofMinutes(1),
        PageSection.of("providers", () -> {
          Map<String, Double> p95 = new LinkedHashMap<>();
          Trend totals = queries.totals(new TrendQuery(DemoModel.EXTERNAL_API_DURATION, DAY, Map.of(), "provider", null));
          for (TrendSeries s : totals.series()) {
            s.points().stream().findFirst().map(TrendPoint::p95).ifPresent(v -> p95.put(s.group(), v * 1000));
          }
          List<ProviderUsage> out = new ArrayList<>();
          for (String provider : DemoModel.PROVIDERS) {
            EventAnalytics calls = queries.events(EventAnalyticsQuery.of("api_call", DAY).where("provider", provider));
            long errors = calls.successRate() == null ? 0 : Math.round(calls.count() * (1 - calls.successRate()));
            Double avg = totals.series().stream().filter(s -> provider.equals(s.group())).findFirst()
                .flatMap(s -> s.points().stream().findFirst()).map(p -> p.mean() == null ? null : p.mean() * 1000)
                .orElse(null);
            out.add(new ProviderUsage(provider, calls.count(), errors, avg, p95.get(provider)));
          }
          return out;
        }),
        PageSection.of("cache", () -> {
          Trend cache = queries.totals(new TrendQuery(DemoModel.CACHE_REQUESTS, DAY, Map.of(), "result", null));
          double hits = sum(cache, "hit");
          double all = sum(cache, null);
          return Map.of("hits", (long) hits, "lookups", (long) all, "hit_rate", all == 0 ? 0 : hits / all);
        }));
  }

  record KeyFreshness(String key, long ageS, long ttlS, String status) {}

  PageProvider freshnessPage() {
    return PageProvider.of("freshness", Duration.ofSeconds(15), PageSection.of("snapshot_keys", () ->
        freshness.read().stream().filter(f -> f.kind() == Heartbeat.Kind.KEY)
            .map(f -> new KeyFreshness(f.name(), (long) f.ageSeconds(), (long) f.ttlSeconds(),
                f.status().name().toLowerCase(java.util.Locale.ROOT)))
            .toList()));
  }

  record JobStatus(String job, Instant lastRun, long durationMs, boolean ok, long intervalS, long runs24h,
      long errors24h, String detail) {}

  PageProvider jobs() {
    return PageProvider.of("jobs", Duration.ofSeconds(30), PageSection.of("jobs", () -> {
      Map<String, EventShare> runs = new LinkedHashMap<>();
      queries.events(EventAnalyticsQuery.of("job_run", DAY).by("job")).breakdown().forEach(s -> runs.put(s.value(), s));
      List<JobStatus> out = new ArrayList<>();
      for (Freshness f : freshness.read()) {
        if (f.kind() != Heartbeat.Kind.JOB) {
          continue;
        }
        EventShare r = runs.get(f.name());
        long count = r == null ? 0 : r.count();
        long errors = r == null || r.successRate() == null ? 0 : Math.round(count * (1 - r.successRate()));
        out.add(new JobStatus(f.name(), f.lastSeen(), (long) f.lastDurationMs(), f.ok(), (long) f.ttlSeconds(),
            count, errors, f.detail()));
      }
      return out;
    }));
  }

  PageProvider deployments() {
    return PageProvider.of("deployments", Duration.ofMinutes(1),
        PageSection.of("active_projects_by_network", () ->
            queries.events(EventAnalyticsQuery.of("deployment_created", DAY).by("network")).breakdown()),
        PageSection.of("deployments", () -> {
          EventAnalytics a = events("deployment_created", DAY);
          return Map.of("count", a.count(), "success_rate", a.successRate() == null ? 0 : a.successRate(),
              "active_projects", a.distinctSubjects());
        }),
        PageSection.of("network_split", () ->
            queries.events(EventAnalyticsQuery.of("deployment_created", MONTH).by("network")).breakdown()),
        PageSection.of("template_adoption", () ->
            queries.events(EventAnalyticsQuery.of("deployment_created", MONTH).by("template")).breakdown()),
        PageSection.of("per_day", () -> events("deployment_created", MONTH).days()));
  }

  PageProvider linkProcessing() {
    return PageProvider.of("link-processing", Duration.ofSeconds(30),
        PageSection.of("totals", () -> {
          long received = events("link_received", DAY).count();
          EventAnalytics processed = queries.events(EventAnalyticsQuery.of("link_processed", DAY).by("status"));
          long completed = processed.breakdown().stream().filter(s -> s.value().equals("completed"))
              .mapToLong(EventShare::count).sum();
          long failed = processed.count() - completed;
          Trend time = queries.totals(TrendQuery.of(DemoModel.LINK_PROCESSING, DAY));
          TrendPoint all = time.series().isEmpty() || time.series().get(0).points().isEmpty() ? null
              : time.series().get(0).points().get(0);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("total", received);
          out.put("completed", completed);
          out.put("pending", Math.max(0, received - processed.count()));
          out.put("failed", failed);
          out.put("success_rate", processed.successRate());
          out.put("avg_processing_ms", all == null || all.mean() == null ? null : all.mean() * 1000);
          out.put("p95_processing_ms", all == null || all.p95() == null ? null : all.p95() * 1000);
          return out;
        }),
        PageSection.of("top_domains", () ->
            queries.events(EventAnalyticsQuery.of("link_processed", DAY).by("domain").limit(5)).breakdown()),
        PageSection.of("links_per_day", () -> events("link_processed", MONTH).days()),
        PageSection.of("recent_errors", () -> queries.logs(new LogSearch(DAY, null, "links", null, null, null, null, 10)).items().stream()
            .map(LogEvent::message).toList()));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private EventAnalytics events(String type, QueryRange range) {
    return queries.events(EventAnalyticsQuery.of(type, range));
  }

  private static double sum(Trend trend, String group) {
    return trend.series().stream().filter(s -> group == null || group.equals(s.group()))
        .flatMap(s -> s.points().stream()).mapToDouble(TrendPoint::sum).sum();
  }
}
