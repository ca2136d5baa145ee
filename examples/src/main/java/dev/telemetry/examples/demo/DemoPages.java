package dev.telemetry.examples.demo;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventDay;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.health.Freshness;
import dev.telemetry.health.Freshness.FreshnessStatus;
import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ServiceHealth;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import dev.telemetry.pages.SectionView;
import dev.telemetry.pages.SectionView.Bar;
import dev.telemetry.pages.SectionView.Breakdown;
import dev.telemetry.pages.SectionView.Column;
import dev.telemetry.pages.SectionView.ColumnType;
import dev.telemetry.pages.SectionView.Point;
import dev.telemetry.pages.SectionView.Series;
import dev.telemetry.pages.SectionView.Stat;
import dev.telemetry.pages.SectionView.StatusItem;
import dev.telemetry.pages.SectionView.StatusList;
import dev.telemetry.pages.SectionView.Table;
import dev.telemetry.pages.SectionView.TimeSeries;
import dev.telemetry.query.LogSearch;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TelemetryQueries.RouteSort;
import dev.telemetry.query.TelemetryQueries.StoreStatus;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.Trend;
import dev.telemetry.query.Trend.TrendPoint;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Host-defined pages that rebuild the admin dashboards real teams drew by hand (the seeds):
 * overview, users, menu toggles, API usage, freshness, jobs, deployments, link processing, the
 * command center and devnet statistics; {@code docs/seeds.md} maps each seed element to its
 * section. Each is a typed provider with its own TTL (the seeds' cadences: 60 s for overview and
 * freshness, 5 min for users, toggles, API usage and jobs, 10 s for the command center and devnet);
 * every section is a {@link SectionView} the web page renders, and one that fails leaves the others
 * standing. Values the library cannot know (invite codes and their limits) are read from the app's
 * own database. The jobs page drills down to one job ({@code /pages/jobs/{job}}).
 */
final class DemoPages {
  private static final QueryRange DAY = QueryRange.last(TimeRange.LAST_24_HOURS);
  private static final QueryRange MONTH = QueryRange.last(TimeRange.LAST_30_DAYS);
  /** Back to the oldest day rollup kept (the day retention): whole days past the raw retention come from rollups. */
  private static final QueryRange ALL_TIME = QueryRange.last(TimeRange.ALL_TIME);
  private static final Set<LogLevel> ERRORS_ONLY = EnumSet.of(LogLevel.ERROR);

  /** The host's own queries ({@code telemetry.queries()}): they know when it started recording. */
  private final Supplier<TelemetryQueries> queries;
  private final EventQueries eventQueries;
  private final Supplier<List<Freshness>> freshness;
  private final TelemetryStore store;
  private final Clock clock;
  private final Supplier<List<ServiceHealth>> health;
  private final HostDatabase hostDatabase;

  DemoPages(Supplier<TelemetryQueries> queries, Supplier<List<Freshness>> freshness, TelemetryStore store, Clock clock,
      Supplier<List<ServiceHealth>> health, HostDatabase hostDatabase) {
    this.hostDatabase = hostDatabase;
    this.queries = queries;
    this.eventQueries = EventQueries.builder(store, clock, Duration.ofDays(30)).build();
    this.freshness = freshness;
    this.store = store;
    this.clock = clock;
    this.health = health;
  }

  List<PageProvider> all() {
    return List.of(overview(), users(), menuToggles(), apiUsage(), freshnessPage(), jobs(), alerts(), database(), deployments(),
        linkProcessing(), commandCenter(), devnet());
  }

  // ---- the pages ---------------------------------------------------------------------------

  PageProvider overview() {
    return PageProvider.builder("overview").title("Overview").ttl(Duration.ofSeconds(60))
        .section(PageSection.of("totals", "Last 24 hours", () -> {
          long staleKeys = freshness.get().stream()
              .filter(f -> f.kind() == Heartbeat.Kind.KEY && f.status() != FreshnessStatus.FRESH).count();
          long down = health.get().stream().filter(h -> h.status() == HealthStatus.DOWN).count();
          return SectionView.stats(
              Stat.of("Active users", events("user_active", DAY).distinctSubjects(), ""),
              Stat.of("Commands", events("command_executed", DAY).count(), ""),
              Stat.of("Alerts fired", eventQueries.analyze(EventAnalyticsQuery.of("alert_lifecycle", DAY)
                  .where("stage", "fired")).count(), ""),
              Stat.of("Stale keys", staleKeys, "").withStatus(staleKeys == 0 ? "green" : "yellow"),
              Stat.of("Services down", down, "").withStatus(down == 0 ? "green" : "red"),
              Stat.of("Abuse blocks", events("abuse_blocked", DAY).count(), ""));
        }))
        .section(PageSection.of("services", "Services", () -> new StatusList(health.get().stream()
            .map(h -> new StatusItem(h.service(), lower(h.status()), h.detail(), h.checkedAt())).toList())))
        .section(PageSection.of("commands", "Commands (24 h)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("command_executed", DAY).by("command")).breakdown())))
        .section(PageSection.of("activity", "Activity per day (30 days)", () -> new TimeSeries("", List.of(
            daySeries("commands", events("command_executed", MONTH).days(), false),
            daySeries("active users", events("user_active", MONTH).days(), true)))))
        .build();
  }

  PageProvider users() {
    return PageProvider.builder("users").title("Users, tiers and invites").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Users", () -> SectionView.stats(
            Stat.of("Users seen (30 d)", events("user_active", MONTH).distinctSubjects(), ""),
            Stat.of("Active users (24 h)", events("user_active", DAY).distinctSubjects(), ""),
            Stat.of("Active sessions (24 h)", events("session_active", DAY).distinctSubjects(), ""))))
        .section(PageSection.of("tier_distribution", "Tier distribution (24 h)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("user_active", DAY).by("tier")).breakdown())))
        .section(PageSection.of("invite_totals", "Invite codes", () -> {
          List<HostDatabase.InviteCode> codes = hostDatabase.inviteCodes();
          return SectionView.stats(Stat.of("Codes generated", codes.size(), ""),
              Stat.of("Redeemed (30 d)", events("invite_redeemed", MONTH).count(), ""));
        }))
        .section(PageSection.of("invite_codes", "Invite codes (30 d)", () -> {
          // The codes, their tier and their limit are the app's rows; redemptions are counted events.
          Map<String, Long> redeemed = new LinkedHashMap<>();
          for (EventShare s : eventQueries.analyze(EventAnalyticsQuery.of("invite_redeemed", MONTH).by("code")).breakdown()) {
            redeemed.put(s.value(), s.count());
          }
          Table.Builder table = Table.builder().text("code", "Code").text("tier", "Tier")
              .column(new Column("created_at", "Created at", ColumnType.TIME, ""))
              .number("redeemed", "Redeemed", "").number("max_uses", "Max uses", "")
              .column(new Column("used", "Used", ColumnType.PERCENT, ""));
          for (HostDatabase.InviteCode code : hostDatabase.inviteCodes()) {
            long used = redeemed.getOrDefault(code.code(), 0L);
            table.row(code.code(), code.tier(), code.createdAt(), used, code.maxUses(),
                code.maxUses() == 0 ? null : used / (double) code.maxUses());
          }
          return table.build();
        }))
        .section(PageSection.of("recent_tier_changes", "Recent tier changes (7 d)", () -> {
          Table.Builder table = Table.builder().column(new Column("at", "Changed at", ColumnType.TIME, ""))
              .text("from", "From").text("to", "To");
          store.readEvents(new EventQuery("tier_changed", clock.instant().minus(Duration.ofDays(7)), clock.instant(), 10))
              .forEach(e -> table.row(e.ts(), e.dimensions().get("from"), e.dimensions().get("to")));
          return table.build();
        }))
        .build();
  }

  PageProvider menuToggles() {
    return PageProvider.builder("menu-toggles").title("Menu toggles").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Last 24 hours", () -> SectionView.stats(
            Stat.of("Toggle events", events("feature_toggled", DAY).count(), ""))))
        .section(PageSection.of("feature_usage", "Feature usage (30 d)", () -> {
          Table.Builder table = Table.builder().text("feature", "Feature").number("enabled", "Enabled", "")
              .number("disabled", "Disabled", "").number("total", "Toggles", "");
          for (EventShare feature : eventQueries.analyze(EventAnalyticsQuery.of("feature_toggled", MONTH).by("feature"))
              .breakdown()) {
            Map<String, Long> states = new LinkedHashMap<>();
            eventQueries.analyze(EventAnalyticsQuery.of("feature_toggled", MONTH).where("feature", feature.value()).by("state"))
                .breakdown().forEach(st -> states.put(st.value(), st.count()));
            table.row(feature.value(), states.getOrDefault("on", 0L), states.getOrDefault("off", 0L), feature.count());
          }
          return table.build();
        }))
        .section(PageSection.of("recent_toggles", "Recent toggles (7 d)", () -> {
          Table.Builder table = Table.builder().column(new Column("at", "Toggled at", ColumnType.TIME, ""))
              .text("feature", "Feature").text("action", "Action");
          store.readEvents(new EventQuery("feature_toggled", clock.instant().minus(Duration.ofDays(7)), clock.instant(), 20))
              .forEach(e -> table.row(e.ts(), e.dimensions().get("feature"),
                  "on".equals(e.dimensions().get("state")) ? "enable" : "disable"));
          return table.build();
        }))
        .build();
  }

  PageProvider apiUsage() {
    return PageProvider.builder("api-usage").title("API usage").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Calls (24 h)", () -> SectionView.stats(
            Stat.of("API calls", events("api_call", DAY).count(), ""))))
        .section(PageSection.of("providers", "External providers (24 h)", () -> {
          Trend totals = queries.get().totals(new TrendQuery(DemoModel.EXTERNAL_API_DURATION, DAY, Map.of(), "provider", null));
          Table.Builder table = Table.builder().text("provider", "Provider").number("calls", "Calls", "")
              .number("errors", "Errors", "").number("avg_ms", "Average", "ms").number("p95_ms", "p95", "ms");
          for (String provider : DemoModel.PROVIDERS) {
            EventAnalytics calls = eventQueries.analyze(EventAnalyticsQuery.of("api_call", DAY).where("provider", provider));
            long errors = calls.successRate() == null ? 0 : Math.round(calls.count() * (1 - calls.successRate()));
            Optional<TrendPoint> all = totals.series().stream().filter(s -> provider.equals(s.group())).findFirst()
                .flatMap(s -> s.points().stream().findFirst());
            table.row(provider, calls.count(), errors, all.map(p -> millis(p.mean())).orElse(null),
                all.map(p -> millis(p.p95())).orElse(null));
          }
          return table.build();
        }))
        .section(PageSection.of("cache", "Cache (24 h)", () -> {
          Trend cache = queries.get().totals(new TrendQuery(DemoModel.CACHE_REQUESTS, DAY, Map.of(), "result", null));
          double hits = sum(cache, "hit");
          double all = sum(cache, null);
          return SectionView.stats(Stat.of("Lookups", all, ""), Stat.of("Hits", hits, ""),
              Stat.of("Misses", all - hits, ""), Stat.of("Hit rate", all == 0 ? null : 100 * hits / all, "%"));
        }))
        .build();
  }

  PageProvider freshnessPage() {
    return PageProvider.builder("freshness").title("Snapshot freshness").ttl(Duration.ofSeconds(60))
        .section(PageSection.of("totals", "Keys", () -> {
          List<Freshness> keys = freshness.get().stream().filter(f -> f.kind() == Heartbeat.Kind.KEY).toList();
          long stale = keys.stream().filter(f -> f.status() != FreshnessStatus.FRESH).count();
          return SectionView.stats(Stat.of("Keys", keys.size(), ""),
              Stat.of("Stale or dead", stale, "").withStatus(stale == 0 ? "green" : "yellow"));
        }))
        .section(PageSection.of("snapshot_keys", "Snapshot keys", () -> {
          Table.Builder table = Table.builder().text("key", "Key")
              .column(new Column("status", "Status", ColumnType.STATUS, ""))
              .number("age_s", "Age", "s").number("ttl_s", "TTL", "s")
              .column(new Column("updated_at", "Updated at", ColumnType.TIME, ""));
          freshness.get().stream().filter(f -> f.kind() == Heartbeat.Kind.KEY).forEach(f -> table.row(f.name(),
              lower(f.status()), Math.round(f.ageSeconds()), Math.round(f.ttlSeconds()), f.lastSeen()));
          return table.build();
        }))
        .section(PageSection.of("rule", "How status is computed", () -> SectionView.text(
            "A key is fresh while its age is below its TTL, stale until twice its TTL, and dead after that. "
                + "Ages are measured from the newest heartbeat of the key on any node.")))
        .build();
  }

  PageProvider jobs() {
    return PageProvider.builder("jobs").title("Background jobs").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("jobs", "Jobs", () -> {
          Map<String, EventShare> runs = new LinkedHashMap<>();
          eventQueries.analyze(EventAnalyticsQuery.of("job_run", DAY).by("job")).breakdown()
              .forEach(s -> runs.put(s.value(), s));
          Table.Builder table = Table.builder().text("job", "Job")
              .column(new Column("status", "Status", ColumnType.STATUS, ""))
              .column(new Column("last_run", "Last run", ColumnType.TIME, ""))
              .number("duration_ms", "Duration", "ms").number("interval_s", "Interval", "s")
              .number("runs_24h", "Runs (24 h)", "").number("errors_24h", "Errors (24 h)", "")
              .text("detail", "Detail").column(new Column("open", "Runs", ColumnType.DETAIL, ""));
          for (Freshness f : jobHeartbeats()) {
            EventShare r = runs.get(f.name());
            long count = r == null ? 0 : r.count();
            table.row(f.name(), lower(f.status()), f.lastSeen(), Math.round(f.lastDurationMs()),
                Math.round(f.ttlSeconds()), count, errors(count, r == null ? null : r.successRate()), f.detail(),
                f.name());
          }
          return table.build();
        }))
        .details(this::jobDetail)
        .build();
  }

  /** The drill-down of one job; only jobs that have reported a heartbeat exist. */
  private Optional<List<PageSection>> jobDetail(String job) {
    if (jobHeartbeats().stream().noneMatch(f -> f.name().equals(job))) {
      return Optional.empty();
    }
    EventAnalyticsQuery runs = EventAnalyticsQuery.of("job_run", DAY).where("job", job);
    return Optional.of(List.of(
        PageSection.of("runs", "Runs of " + job + " (24 h)", () -> {
          EventAnalytics a = eventQueries.analyze(runs);
          return SectionView.stats(Stat.of("Runs", a.count(), ""),
              Stat.of("Errors", errors(a.count(), a.successRate()), ""));
        }),
        PageSection.of("success_rate", "Success rate (24 h)", () -> {
          Double rate = eventQueries.analyze(runs).successRate();
          return SectionView.stats(Stat.of("Success rate", rate == null ? null : rate * 100, "%")
              .withStatus(rate == null ? "unknown" : rate >= 0.99 ? "green" : rate >= 0.95 ? "yellow" : "red"));
        }).collectingUntil(10, "runs", () -> eventQueries.analyze(runs).count()),
        PageSection.of("per_day", "Runs per day (30 days)", () -> new TimeSeries("", List.of(daySeries("runs",
            eventQueries.analyze(EventAnalyticsQuery.of("job_run", MONTH).where("job", job)).days(), false))))));
  }

  /** Seed 000's alerts page: lifecycle counts, the dispatcher job and its status. */
  PageProvider alerts() {
    return PageProvider.builder("alerts").title("Alerts").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Last 24 hours", () -> {
          Map<String, Long> stages = stages(DAY);
          return SectionView.stats(Stat.of("Fired", stages.getOrDefault("fired", 0L), ""),
              Stat.of("Dismissed", stages.getOrDefault("dismissed", 0L), ""),
              Stat.of("Created", stages.getOrDefault("created", 0L), ""),
              Stat.of("Expired", stages.getOrDefault("expired", 0L), ""));
        }))
        .section(PageSection.of("lifecycle_breakdown", "Lifecycle (24 h)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("alert_lifecycle", DAY).by("stage")).breakdown())))
        .section(PageSection.of("alertd_jobs", "Dispatcher job", () -> {
          EventAnalytics runs = eventQueries.analyze(EventAnalyticsQuery.of("job_run", DAY).where("job", "alert_dispatcher"));
          Table.Builder table = Table.builder().text("job", "Job")
              .column(new Column("last_run", "Last run", ColumnType.TIME, ""))
              .number("duration_s", "Last duration", "s").column(new Column("ok", "OK", ColumnType.STATUS, ""))
              .number("interval_s", "Interval", "s").number("runs_24h", "Runs (24 h)", "")
              .number("errors_24h", "Errors (24 h)", "").number("sent_24h", "Sent (24 h)", "");
          jobHeartbeats().stream().filter(f -> f.name().equals("alert_dispatcher")).forEach(f -> table.row(f.name(),
              f.lastSeen(), f.lastDurationMs() / 1000, f.ok() ? "green" : "red", Math.round(f.ttlSeconds()),
              runs.count(), errors(runs.count(), runs.successRate()), Math.round(runs.valueStats().sum())));
          return table.build();
        }))
        .section(PageSection.of("alertd_status", "Dispatcher status", () -> new StatusList(health.get().stream()
            .filter(h -> h.service().equals("alertd"))
            .map(h -> new StatusItem(h.service(), lower(h.status()), h.detail(), h.checkedAt())).toList())))
        .build();
  }

  private Map<String, Long> stages(QueryRange range) {
    Map<String, Long> stages = new LinkedHashMap<>();
    eventQueries.analyze(EventAnalyticsQuery.of("alert_lifecycle", range).by("stage")).breakdown()
        .forEach(s -> stages.put(s.value(), s.count()));
    return stages;
  }

  /** Seed 000's DB / backups page: the telemetry store's size and tables, and process memory. */
  PageProvider database() {
    return PageProvider.builder("database").title("Database").ttl(Duration.ofMinutes(10))
        .section(PageSection.of("size", "Store", () -> {
          StoreStatus status = queries.get().storeStatus();
          Long bytes = status.stats().databaseBytes();
          return SectionView.stats(Stat.of("Database size", bytes == null ? null : bytes / 1048576.0, "MB"),
              Stat.of("Tables", status.stats().tables().size(), ""),
              Stat.of("Rows", status.stats().totalRows(), ""));
        }))
        .section(PageSection.of("largest_tables", "Largest tables", () -> {
          Table.Builder table = Table.builder().text("table", "Table").number("rows", "Rows", "")
              .number("size_mb", "Size", "MB").column(new Column("oldest", "Oldest row", ColumnType.TIME, ""))
              .column(new Column("newest", "Newest row", ColumnType.TIME, ""));
          queries.get().storeStatus().stats().tables().stream()
              .sorted(Comparator.comparing((StoreStats.TableStats t) -> t.bytes() == null ? -1L : t.bytes())
                  .thenComparing(t -> t.rows() == null ? -1L : t.rows()).reversed())
              .limit(20)
              .forEach(t -> table.row(t.name(), t.rows(), t.bytes() == null ? null : t.bytes() / 1048576.0, t.oldest(),
                  t.newest()));
          return table.build();
        }))
        .section(PageSection.of("upkeep", "Upkeep", () -> {
          StoreStatus status = queries.get().storeStatus();
          Table.Builder table = Table.builder().text("job", "Job").column(new Column("at", "Through", ColumnType.TIME, ""));
          table.row("retention, last run", status.lastRetentionRun());
          table.row("hour rollups, complete before", status.hourRollupThrough());
          table.row("day rollups, complete before", status.dayRollupThrough());
          return table.build();
        }))
        .section(PageSection.of("system_metrics", "System (5 min)", () -> {
          Instant now = Resolution.MINUTE.bucketStart(clock.instant());
          TrendPoint memory = total(TrendQuery.of(StandardMetrics.PROCESS_MEMORY_UTILIZATION,
              QueryRange.between(now.minus(Duration.ofMinutes(5)), now)));
          Double pct = memory == null || memory.max() == null ? null : 100 * memory.max();
          return SectionView.stats(Stat.of("Process memory (of max)", pct, "%").withStatus(status(pct, 70, 90)));
        }))
        .build();
  }

  PageProvider deployments() {
    return PageProvider.builder("deployments").title("Deployments").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("deployments", "Last 24 hours", () -> {
          EventAnalytics a = events("deployment_created", DAY);
          return SectionView.stats(Stat.of("Deployments", a.count(), ""),
              Stat.of("Success rate", a.successRate() == null ? null : a.successRate() * 100, "%"),
              Stat.of("Active projects", a.distinctSubjects(), ""));
        }))
        .section(PageSection.of("active_projects_by_network", "Active projects by network (24 h)", () -> {
          List<EventShare> shares = eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", DAY).by("network"))
              .breakdown();
          return new Breakdown("projects", shares.stream()
              .map(s -> new Bar(s.value(), s.distinctSubjects(), s.subjectPercent())).toList());
        }))
        .section(PageSection.of("network_split", "Network split (30 d)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", MONTH).by("network")).breakdown())))
        .section(PageSection.of("template_adoption", "Template adoption (30 d)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", MONTH).by("template")).breakdown())))
        .section(PageSection.of("template_adoption_by_network", "Template adoption by network (30 d)", () -> {
          Table.Builder table = Table.builder().text("network", "Network");
          DemoModel.TEMPLATES.forEach(t -> table.column(new Column(t.replace('-', '_'), t, ColumnType.PERCENT, "")));
          for (EventShare network : eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", MONTH).by("network"))
              .breakdown()) {
            Map<String, Double> shares = new LinkedHashMap<>();
            eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", MONTH).where("network", network.value())
                .by("template")).breakdown().forEach(t -> shares.put(t.value(), t.percent() / 100));
            List<Object> row = new ArrayList<>();
            row.add(network.value());
            DemoModel.TEMPLATES.forEach(t -> row.add(shares.getOrDefault(t, 0.0)));
            table.row(row.toArray());
          }
          return table.build();
        }))
        .section(PageSection.of("per_day", "Deployments per day (30 days)", () -> {
          List<EventDay> days = events("deployment_created", MONTH).days();
          return new TimeSeries("", List.of(daySeries("deployments", days, false),
              daySeries("active projects", days, true)));
        }))
        .build();
  }

  PageProvider linkProcessing() {
    EventAnalyticsQuery processedToday = EventAnalyticsQuery.of("link_processed", DAY).by("status");
    return PageProvider.builder("link-processing").title("Link processing").ttl(Duration.ofSeconds(60))
        .section(PageSection.of("totals", "Links (24 h)", () -> {
          long received = events("link_received", DAY).count();
          EventAnalytics processed = eventQueries.analyze(processedToday);
          long completed = processed.breakdown().stream().filter(s -> s.value().equals("completed"))
              .mapToLong(EventShare::count).sum();
          return SectionView.stats(Stat.of("Total", received, ""), Stat.of("Completed", completed, ""),
              Stat.of("Pending", Math.max(0, received - processed.count()), ""),
              Stat.of("Failed", processed.count() - completed, ""),
              Stat.of("Success rate", processed.successRate() == null ? null : processed.successRate() * 100, "%"));
        }))
        .section(PageSection.of("activity", "Links received", () -> {
          Instant now = clock.instant();
          Instant midnight = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
          QueryRange week = QueryRange.between(now.minus(Duration.ofDays(7)), now);
          long today = now.isAfter(midnight) ? events("link_received", QueryRange.between(midnight, now)).count() : 0;
          EventAnalytics thisWeek = eventQueries.analyze(EventAnalyticsQuery.of("link_received", week).comparedWithPreviousPeriod());
          Double change = thisWeek.previous().countChangePercent();
          return SectionView.stats(Stat.of("Today (UTC)", today, ""),
              Stat.of("Last 7 days", thisWeek.count(), "").withHint(change == null ? "no links the week before"
                  : String.format(Locale.ROOT, "%+.1f%% from the week before", change)),
              Stat.of("Change from the week before", change, "%"));
        }))
        .section(PageSection.of("performance", "Processing performance (24 h)", () -> {
          Trend time = queries.get().totals(TrendQuery.of(DemoModel.LINK_PROCESSING, DAY));
          TrendPoint all = time.series().isEmpty() || time.series().get(0).points().isEmpty() ? null
              : time.series().get(0).points().get(0);
          return SectionView.stats(Stat.of("Average", all == null ? null : millis(all.mean()), "ms"),
              Stat.of("p95", all == null ? null : millis(all.p95()), "ms"));
        }).collectingUntil(10, "processed links", () -> eventQueries.analyze(processedToday).count()))
        .section(PageSection.of("top_domains", "Top domains (24 h)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("link_processed", DAY).by("domain").limit(10)).breakdown())))
        .section(PageSection.of("links_per_day", "Links processed per day (30 days)", () -> new TimeSeries("",
            List.of(daySeries("links", events("link_processed", MONTH).days(), false)))))
        .section(PageSection.of("recent_errors", "Recent errors", () -> {
          Table.Builder table = Table.builder().column(new Column("ts", "Time", ColumnType.TIME, ""))
              .text("event", "Event").text("message", "Message");
          queries.get().logs(new LogSearch(DAY, null, "links", null, null, null, null, 10)).items()
              .forEach(e -> table.row(e.ts(), e.event(), e.message()));
          return table.build();
        }))
        .build();
  }

  /** Seed 001's triage layer as a host page: golden signals, health matrix, error feed, offenders, database. */
  PageProvider commandCenter() {
    return PageProvider.builder("command-center").title("Command center").ttl(Duration.ofSeconds(10))
        .section(PageSection.of("vital_signs", "Golden signals", () -> {
          // Complete minutes only: the current minute is still being recorded.
          Instant now = Resolution.MINUTE.bucketStart(clock.instant());
          QueryRange fiveMinutes = QueryRange.between(now.minus(Duration.ofMinutes(5)), now);
          TrendPoint latency = total(TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, fiveMinutes));
          Double trafficRate = lastWholeMinuteRate(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS,
              QueryRange.between(now.minus(Duration.ofMinutes(2)), now)));
          double requests5 = sum(queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, fiveMinutes)), null);
          double errors5 = sum(queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_ERRORS, fiveMinutes)), null);
          TrendPoint pool = total(TrendQuery.of(StandardMetrics.DB_POOL_UTILIZATION, fiveMinutes));
          Double p95 = latency == null ? null : millis(latency.p95());
          Double errorPct = requests5 == 0 ? null : 100 * errors5 / requests5;
          Double poolPct = pool == null || pool.max() == null ? null : 100 * pool.max();
          return SectionView.stats(
              Stat.of("Latency p95 (5 min)", p95, "ms").withStatus(status(p95, 200, 1000)),
              Stat.of("Traffic (1 min)", trafficRate, "req/s"),
              Stat.of("Errors (5 min)", errorPct, "%").withStatus(status(errorPct, 1, 5)),
              Stat.of("Saturation: DB pool (5 min max)", poolPct, "%").withStatus(status(poolPct, 70, 90)));
        }))
        .section(PageSection.of("services", "Service health", () -> new StatusList(health.get().stream()
            .map(h -> new StatusItem(h.service(), lower(h.status()), h.detail(), h.checkedAt())).toList())))
        .section(PageSection.of("error_feed", "Live error feed (last 25)", () -> {
          Table.Builder table = Table.builder().column(new Column("ts", "Time", ColumnType.TIME, ""))
              .text("service", "Service").text("domain", "Domain").text("event", "Event").text("message", "Message")
              .text("trace_id", "Trace");
          queries.get().logs(new LogSearch(DAY, ERRORS_ONLY, null, null, null, null, null, 25)).items()
              .forEach(e -> table.row(e.ts(), e.service(), e.domain(), e.event(), e.message(), e.traceId()));
          return table.build();
        }))
        .section(PageSection.of("latency", "API latency (24 h)", () -> {
          Trend trend = queries.get().trend(TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, DAY));
          List<TrendPoint> points = trend.series().isEmpty() ? List.of() : trend.series().get(0).points();
          return new TimeSeries("ms", List.of(
              new Series("p50", points.stream().map(p -> new Point(p.ts(), millis(p.p50()))).toList()),
              new Series("p95", points.stream().map(p -> new Point(p.ts(), millis(p.p95()))).toList()),
              new Series("p99", points.stream().map(p -> new Point(p.ts(), millis(p.p99()))).toList())));
        }))
        .section(PageSection.of("slow_routes", "Top slow routes (24 h)", () -> routes(RouteSort.LATENCY)))
        .section(PageSection.of("failing_routes", "Top failing routes (24 h)", () -> routes(RouteSort.ERRORS)))
        .section(PageSection.of("error_categories", "Top error categories (24 h)", () -> new Breakdown("",
            queries.get().topErrors(DAY, 10).categories().stream().map(c -> new Bar(c.name(), c.count(), null)).toList())))
        .section(PageSection.of("database", "Database (5 min)", () -> {
          Instant now = Resolution.MINUTE.bucketStart(clock.instant());
          QueryRange fiveMinutes = QueryRange.between(now.minus(Duration.ofMinutes(5)), now);
          TrendPoint pool = total(TrendQuery.of(StandardMetrics.DB_POOL_UTILIZATION, fiveMinutes));
          TrendPoint query = total(TrendQuery.of(StandardMetrics.DB_QUERY_DURATION, fiveMinutes));
          Double active = pool == null || pool.mean() == null ? null : pool.mean() * LiveTraffic.POOL_SIZE;
          Double queryP95 = query == null ? null : millis(query.p95());
          return SectionView.stats(Stat.of("Pool active (avg)", active, ""),
              Stat.of("Pool idle (avg)", active == null ? null : LiveTraffic.POOL_SIZE - active, ""),
              Stat.of("Pool max", LiveTraffic.POOL_SIZE, ""),
              Stat.of("Query p95", queryP95, "ms").withStatus(status(queryP95, 100, 500)),
              Stat.of("Queries", query == null ? 0 : query.count(), ""));
        }))
        .build();
  }

  /** Seed 003's devnet statistics: traffic, users, executions (hidden until meaningful), per-endpoint table. */
  PageProvider devnet() {
    EventAnalyticsQuery executions = EventAnalyticsQuery.of("execution_finalized", ALL_TIME);
    return PageProvider.builder("devnet").title("Devnet statistics").ttl(Duration.ofSeconds(10))
        .section(PageSection.of("traffic", "Traffic (30 d)", () -> {
          double requests = sum(queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, MONTH)), null);
          double errors = sum(queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_ERRORS, MONTH)), null);
          Double success = requests == 0 ? null : 100 * (requests - errors) / requests;
          return SectionView.stats(Stat.of("Requests processed", requests, ""),
              Stat.of("Traffic success rate", success, "%").withStatus(status(success == null ? null : 100 - success, 1, 5)));
        }))
        .section(PageSection.of("users", "Devnet users (wallets)", () -> SectionView.stats(
            Stat.of("All time (30 d)", events("execution_finalized", MONTH).distinctSubjects(), ""),
            Stat.of("Last 24 h", events("execution_finalized", DAY).distinctSubjects(), ""))))
        .section(PageSection.of("executions", "Executions finalized", () -> {
          EventAnalytics all = eventQueries.analyze(executions);
          EventAnalytics day = events("execution_finalized", DAY);
          long failed = errors(all.count(), all.successRate());
          return SectionView.stats(Stat.of("All time", all.count(), ""), Stat.of("Last 24 h", day.count(), ""),
              Stat.of("Succeeded", all.count() - failed, ""), Stat.of("Failed", failed, ""));
        }).collectingUntil(10, "executions with volume", () -> executionsWithVolume(executions)))
        .section(PageSection.of("executions_by_asset", "Executions by asset (30 d)", () -> breakdown(
            eventQueries.analyze(EventAnalyticsQuery.of("execution_finalized", MONTH).by("asset")).breakdown()))
            .collectingUntil(10, "executions with volume", () -> executionsWithVolume(executions)))
        .section(PageSection.of("volume_by_asset", "Volume executed by asset (30 d)", () -> {
          EventAnalytics volume = eventQueries.analyze(EventAnalyticsQuery.of("execution_finalized", MONTH).by("asset"));
          return new Breakdown("units", volume.breakdown().stream()
              .map(s -> new Bar(s.value(), s.valueStats().sum(), volume.valueStats().sum() == 0 ? null
                  : 100 * s.valueStats().sum() / volume.valueStats().sum())).toList());
        }).collectingUntil(10, "executions with volume", () -> executionsWithVolume(executions)))
        .section(PageSection.of("fees", "Fees collected", () -> {
          EventAnalytics all = eventQueries.analyze(EventAnalyticsQuery.of("fee_collected", MONTH).by("asset"));
          EventAnalytics day = events("fee_collected", DAY);
          Table.Builder table = Table.builder().text("asset", "Asset").number("fees_30d", "Fees (30 d)", "units")
              .number("fees_24h", "Fees (24 h)", "units");
          for (EventShare asset : all.breakdown()) {
            double lastDay = eventQueries.analyze(EventAnalyticsQuery.of("fee_collected", DAY).where("asset", asset.value()))
                .valueStats().sum();
            table.row(asset.value(), asset.valueStats().sum(), lastDay);
          }
          table.row("all", all.valueStats().sum(), day.valueStats().sum());
          return table.build();
        }).collectingUntil(10, "executions with volume", () -> executionsWithVolume(executions)))
        .section(PageSection.of("fee_rate", "Fee configuration", () -> SectionView.stats(
            Stat.of("Fee", Events.FEE_BPS, "bps"))))
        .section(PageSection.of("endpoints", "Per-endpoint performance (24 h)", () -> {
          Trend requests = queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, DAY).groupBy("route"));
          Trend errors = queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_ERRORS, DAY).groupBy("route"));
          Trend latency = queries.get().totals(TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, DAY).groupBy("route"));
          Table.Builder table = Table.builder().text("endpoint", "Endpoint").number("total", "Total", "")
              .number("ok", "OK", "").number("fail", "Fail", "").column(new Column("ok_pct", "OK%", ColumnType.PERCENT, ""))
              .number("avg_ms", "Avg", "ms").number("p95_ms", "P95", "ms");
          for (var series : requests.series()) {
            double total = sum(requests, series.group());
            double fail = sum(errors, series.group());
            Optional<TrendPoint> time = latency.series().stream().filter(l -> series.group().equals(l.group()))
                .flatMap(l -> l.points().stream()).findFirst();
            table.row(series.group(), Math.round(total), Math.round(total - fail), Math.round(fail),
                total == 0 ? null : (total - fail) / total, time.map(p -> millis(p.mean())).orElse(null),
                time.map(p -> millis(p.p95())).orElse(null));
          }
          return table.build();
        }))
        .build();
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * Seed 003's gate for execution metrics: hidden while fewer than 10 executions exist or their
   * total volume is 0 (executions without volume, such as a load test's, are not meaningful).
   * Returns the executions counted toward the 10, so 0 while the volume is 0.
   */
  private long executionsWithVolume(EventAnalyticsQuery executions) {
    EventAnalytics all = eventQueries.analyze(executions);
    return all.valueStats().sum() > 0 ? all.count() : 0;
  }

  /** The whole range of a query as one point, or null without data. */
  private TrendPoint total(TrendQuery query) {
    Trend trend = queries.get().totals(query);
    return trend.series().isEmpty() || trend.series().get(0).points().isEmpty() ? null
        : trend.series().get(0).points().get(0);
  }

  /**
   * The rate of the newest whole minute the numbers vouch for, like the summary's vital signs: the
   * start-up minute is left out (it holds only what came after the start, and the host may begin
   * serving later still, so it would read as a dip); {@code null} when no whole minute is known.
   */
  private Double lastWholeMinuteRate(TrendQuery query) {
    Trend trend = queries.get().trend(query);
    List<TrendPoint> points = trend.series().isEmpty() ? List.of() : trend.series().get(0).points();
    for (int i = points.size() - 1; i >= 0; i--) {
      TrendPoint point = points.get(i);
      if (point.state() == TrendPoint.State.DATA || point.state() == TrendPoint.State.EMPTY) {
        return point.rate();
      }
    }
    return null;
  }

  private Table routes(RouteSort sort) {
    Table.Builder table = Table.builder().text("route", "Route").number("count", "Requests", "")
        .number("errors", "Errors", "").column(new Column("error_rate", "Error rate", ColumnType.PERCENT, ""))
        .number("p95_ms", "p95", "ms");
    queries.get().topRoutes(DAY, sort, 10).routes().forEach(r -> table.row(r.route(), r.count(), r.errors(), r.errorRate(),
        millis(r.p95())));
    return table.build();
  }

  /** A DESIGN §5 colour: green below {@code warn}, yellow to {@code crit}, red above. */
  private static String status(Double value, double warn, double crit) {
    return value == null ? "unknown" : value < warn ? "green" : value <= crit ? "yellow" : "red";
  }

  private List<Freshness> jobHeartbeats() {
    return freshness.get().stream().filter(f -> f.kind() == Heartbeat.Kind.JOB).toList();
  }

  private EventAnalytics events(String type, QueryRange range) {
    return eventQueries.analyze(EventAnalyticsQuery.of(type, range));
  }

  private static long errors(long count, Double successRate) {
    return successRate == null ? 0 : Math.round(count * (1 - successRate));
  }

  private static Breakdown breakdown(List<EventShare> shares) {
    return new Breakdown("", shares.stream().map(s -> new Bar(s.value(), s.count(), s.percent())).toList());
  }

  private static Series daySeries(String name, List<EventDay> days, boolean subjects) {
    return new Series(name, days.stream()
        .map(d -> new Point(d.day(), (double) (subjects ? d.distinctSubjects() : d.count()))).toList());
  }

  private static Double millis(Double seconds) {
    return seconds == null ? null : seconds * 1000;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static double sum(Trend trend, String group) {
    return trend.series().stream().filter(s -> group == null || group.equals(s.group()))
        .flatMap(s -> s.points().stream()).mapToDouble(TrendPoint::sum).sum();
  }
}
