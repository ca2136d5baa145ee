package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.TrendTest.assertParam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventComparison;
import dev.telemetry.events.EventAnalytics.EventDay;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalytics.ValueStats;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeds' questions (deployments dashboard, link-processing users), answered from generated events. */
class EventAnalyticsTest {
  private final QueryFixtures f = new QueryFixtures();
  private final EventQueries eventQueries = f.events();
  private final QueryRange month = QueryRange.last(TimeRange.LAST_30_DAYS);

  private void write(List<BusinessEvent> events) {
    f.store.write(new WriteBatch("events-" + events.hashCode(), "a", List.of(), List.of(), List.of(), events,
        List.of()));
  }

  @Test
  void activeProjectsAndDeploymentsPerNetworkNetworkSplitAndTemplateAdoption() {
    Random random = new Random(1);
    String[] networks = {"mainnet", "testnet"};
    String[] templates = {"erc20", "nft", "dao"};
    List<BusinessEvent> events = new ArrayList<>();
    Map<String, Integer> deploymentsPerNetwork = new HashMap<>();
    Map<String, Set<String>> projectsPerNetwork = new HashMap<>();
    Map<String, Integer> perTemplate = new HashMap<>();
    int successes = 0;
    for (int i = 0; i < 2_000; i++) {
      String network = random.nextInt(4) == 0 ? "mainnet" : "testnet";
      String template = templates[Math.min(2, (int) Math.abs(random.nextGaussian() * 1.2))];
      String project = "p" + random.nextInt(network.equals("mainnet") ? 30 : 120);
      boolean ok = random.nextInt(10) > 0;
      successes += ok ? 1 : 0;
      events.add(new BusinessEvent(NOW.minusSeconds(random.nextInt(29 * 86_400) + 1), "deployment_created",
          network + ":" + project, Map.of("network", network, "template", template),
          ok ? Outcome.SUCCESS : Outcome.FAILURE, 0, "api", "a"));
      deploymentsPerNetwork.merge(network, 1, Integer::sum);
      projectsPerNetwork.computeIfAbsent(network, k -> new HashSet<>()).add(network + ":" + project);
      perTemplate.merge(template, 1, Integer::sum);
    }
    // noise: another type
    events.add(new BusinessEvent(NOW.minusSeconds(5), "user_active", "u1", Map.of(), Outcome.NONE, 0, "api", "a"));
    write(events);

    EventAnalytics split = eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", month).by("network"));
    assertThat(split.count()).isEqualTo(2_000);
    assertThat(split.successRate()).isCloseTo(successes / 2000.0, within(1e-12));
    assertThat(split.truncated()).isFalse();
    for (EventShare share : split.breakdown()) {
      String network = share.value();
      assertThat(share.count()).as("deployments on " + network).isEqualTo((long) deploymentsPerNetwork.get(network));
      assertThat(share.distinctSubjects()).as("active projects on " + network)
          .isEqualTo(projectsPerNetwork.get(network).size());
      assertThat(share.percent()).isCloseTo(100.0 * deploymentsPerNetwork.get(network) / 2000, within(1e-9));
    }
    assertThat(split.breakdown()).extracting(EventShare::value).containsExactly("testnet", "mainnet");
    assertThat(split.breakdown().stream().mapToDouble(EventShare::percent).sum()).isCloseTo(100, within(1e-9));
    assertThat(split.days()).hasSize(31);
    assertThat(split.days().stream().mapToLong(EventDay::count).sum()).isEqualTo(2_000);

    EventAnalytics adoptionOnMainnet = eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", month)
        .where("network", "mainnet").by("template"));
    assertThat(adoptionOnMainnet.count()).isEqualTo((long) deploymentsPerNetwork.get("mainnet"));
    assertThat(adoptionOnMainnet.distinctSubjects()).isEqualTo(projectsPerNetwork.get("mainnet").size());

    EventAnalytics adoption = eventQueries.analyze(EventAnalyticsQuery.of("deployment_created", month).by("template")
        .limit(2));
    assertThat(adoption.breakdown()).hasSize(3);
    assertThat(adoption.breakdown().get(0).value()).isEqualTo("erc20");
    assertThat(adoption.breakdown().get(0).count()).isEqualTo((long) perTemplate.get("erc20"));
    assertThat(adoption.breakdown().get(2).value()).isEqualTo(EventAnalytics.OTHER);
    assertThat(adoption.breakdown().get(2).count()).isEqualTo((long) perTemplate.get("dao"));
  }

  @Test
  void activeUsersIn24HoursAndTierDistribution() {
    List<BusinessEvent> events = new ArrayList<>();
    String[] tiers = {"free", "free", "free", "pro", "enterprise"};
    for (int u = 0; u < 50; u++) {
      String tier = tiers[u % tiers.length];
      for (int visit = 0; visit <= u % 4; visit++) {
        events.add(new BusinessEvent(NOW.minus(Duration.ofMinutes(10 + u * 7 + visit)), "link_resolved", "u" + u,
            Map.of("tier", tier), Outcome.SUCCESS, 0, "api", "a"));
      }
    }
    // users only active 2 days ago are not active in the last 24 h
    for (int u = 50; u < 60; u++) {
      events.add(new BusinessEvent(NOW.minus(Duration.ofDays(2)), "link_resolved", "u" + u, Map.of("tier", "pro"),
          Outcome.SUCCESS, 0, "api", "a"));
    }
    write(events);

    EventAnalytics day = eventQueries.analyze(EventAnalyticsQuery.of("link_resolved",
        QueryRange.last(TimeRange.LAST_24_HOURS)).by("tier"));
    assertThat(day.distinctSubjects()).as("active users in 24 h").isEqualTo(50);
    Map<String, Long> usersPerTier = new HashMap<>();
    day.breakdown().forEach(s -> usersPerTier.put(s.value(), s.distinctSubjects()));
    assertThat(usersPerTier).containsExactlyInAnyOrderEntriesOf(Map.of("free", 30L, "pro", 10L, "enterprise", 10L));
    EventShare free = day.breakdown().stream().filter(s -> s.value().equals("free")).findFirst().orElseThrow();
    assertThat(free.subjectPercent()).isEqualTo(60.0);
    assertThat(day.successRate()).isEqualTo(1.0);
    assertThat(day.days().stream().mapToLong(EventDay::distinctSubjects).max().orElseThrow()).isLessThanOrEqualTo(50);
  }

  @Test
  void flagsTruncationWhenTheReadCapIsHit() {
    List<BusinessEvent> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(new BusinessEvent(NOW.minusSeconds(i + 1), "t", "s" + i, Map.of(), Outcome.NONE, 0, "api", "a"));
    }
    write(events);
    EventQueries capped = EventQueries.builder(f.store, f.clock, Duration.ofDays(30)).maxEventRows(10).build();
    EventAnalytics result = capped.analyze(EventAnalyticsQuery.of("t", month));
    assertThat(result.truncated()).isTrue();
    assertThat(result.count()).isEqualTo(10);
    assertThat(result.successRate()).isNull();
    assertThat(eventQueries.analyze(EventAnalyticsQuery.of("t", month)).truncated()).isFalse();
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertParam(() -> EventAnalyticsQuery.of(" ", month), "type");
    assertParam(() -> eventQueries.analyze(EventAnalyticsQuery.of("t", month).by("bad key!")), "by");
    assertParam(() -> eventQueries.analyze(EventAnalyticsQuery.of("t", month).limit(101)), "limit");
  }
}
