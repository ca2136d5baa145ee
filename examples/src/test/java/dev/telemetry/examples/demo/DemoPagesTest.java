package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.telemetry.health.Freshness;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.PageRegistry.PageInfo;
import dev.telemetry.pages.PageRegistry.PageResult;
import dev.telemetry.pages.PageRegistry.SectionResult;
import dev.telemetry.pages.SectionView;
import dev.telemetry.pages.UnknownPageException;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.WriteBatch;
import dev.telemetry.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recipe pages compute from a day of simulated history, every section present. */
class DemoPagesTest {
  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");
  private static PageRegistry registry;
  private static InMemoryStore store;

  @BeforeAll
  static void backfillADay() {
    store = InMemoryStore.create();
    Backfill.run(store, "demo-1", RedactionPolicy.builder().pseudonymSalt("demo-salt-for-the-test-only").build(),
        END, 1, () -> false);
    TestClock clock = TestClock.at(END);
    TelemetryQueries queries = TelemetryQueries.builder(store, DemoModel.contract(), clock, Duration.ofDays(30)).build();
    DemoPages pages = new DemoPages(() -> queries, () -> Freshness.readAll(store, clock.instant()), store, clock, List::of,
        HostDatabase.create(clock));
    PageRegistry.Builder builder = PageRegistry.builder().clock(clock);
    pages.all().forEach(builder::register);
    registry = builder.build();
  }

  @Test
  void registersTheRecipesWithTheSeedsTtlsAndEachComputesWithoutSectionErrors() {
    assertThat(registry.pages()).extracting(PageInfo::id, PageInfo::ttlSeconds).containsExactly(
        tuple("overview", 60L), tuple("users", 300L), tuple("menu-toggles", 300L), tuple("api-usage", 300L),
        tuple("freshness", 60L),
        tuple("jobs", 300L), tuple("alerts", 300L), tuple("database", 600L),
        tuple("deployments", 300L), tuple("link-processing", 60L), tuple("command-center", 10L),
        tuple("devnet", 10L));
    for (PageInfo info : registry.pages()) {
      PageResult page = registry.page(info.id());
      assertThat(page.errors()).as(info.id()).isEmpty();
      assertThat(page.sections()).as(info.id()).isNotEmpty()
          .allSatisfy(s -> assertThat(s.state()).as(info.id() + "/" + s.name()).isEqualTo(SectionResult.State.OK));
    }
  }

  @Test
  void overviewCountsActiveUsersAndCommands() {
    SectionView.Stats totals = (SectionView.Stats) registry.page("overview").view("totals").orElseThrow();
    assertThat(totals.stats()).filteredOn(s -> s.label().equals("Active users") || s.label().equals("Commands"))
        .hasSize(2).allSatisfy(s -> assertThat(s.value()).isPositive());
  }

  @Test
  void deploymentsSplitByNetworkAddsUpToAHundredPercent() {
    SectionView.Breakdown split = (SectionView.Breakdown) registry.page("deployments").view("network_split").orElseThrow();
    assertThat(split.bars()).extracting(SectionView.Bar::label).contains("mainnet", "testnet");
    assertThat(split.bars().stream().mapToDouble(SectionView.Bar::percent).sum()).isCloseTo(100.0, offset(0.01));
  }

  @Test
  void linkProcessingReportsTotalsAndPercentiles() {
    PageResult page = registry.page("link-processing");
    SectionView.Stats totals = (SectionView.Stats) page.view("totals").orElseThrow();
    assertThat(totals.stats().get(0).value()).isPositive();
    SectionView.Stats performance = (SectionView.Stats) page.view("performance").orElseThrow();
    assertThat(performance.stats().get(1).value()).isGreaterThan(performance.stats().get(0).value());
  }

  @Test
  void eachJobDrillsDownToItsRunsAndUnknownJobsHaveNone() {
    SectionView.Table jobs = (SectionView.Table) registry.page("jobs").view("jobs").orElseThrow();
    assertThat(jobs.rows()).isNotEmpty();
    String job = (String) jobs.rows().get(0).get(jobs.columns().size() - 1);
    PageResult detail = registry.detail("jobs", job);
    assertThat(detail.errors()).isEmpty();
    long runs = Math.round(((SectionView.Stats) detail.view("runs").orElseThrow()).stats().get(0).value());
    SectionResult successRate = detail.section("success_rate").orElseThrow();
    if (runs < 10) { // the success rate means nothing before ten runs
      assertThat(successRate.state()).isEqualTo(SectionResult.State.COLLECTING);
      assertThat(successRate.collecting()).isEqualTo(new SectionResult.Collecting(runs, 10, "runs"));
    } else {
      assertThat(successRate.state()).isEqualTo(SectionResult.State.OK);
    }
    assertThatThrownBy(() -> registry.detail("jobs", "no_such_job")).isInstanceOf(UnknownPageException.class);
  }

  @Test
  void inviteCodesComeFromTheHostDatabaseAndRedemptionsFromEvents() {
    TestClock clock = TestClock.at(END);
    HostDatabase host = HostDatabase.create(clock);
    host.setMaxUses("LAUNCH2", 777);
    host.addInviteCode(new HostDatabase.InviteCode("SPRING", "enterprise", 40, END.minus(Duration.ofDays(1))));
    TelemetryQueries queries = TelemetryQueries.builder(store, DemoModel.contract(), clock, Duration.ofDays(30)).build();
    PageRegistry users = PageRegistry.builder().clock(clock)
        .register(new DemoPages(() -> queries, () -> Freshness.readAll(store, clock.instant()), store, clock, List::of, host)
            .users()).build();

    SectionView.Table codes = (SectionView.Table) users.page("users").view("invite_codes").orElseThrow();

    assertThat(codes.rows()).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(4)).containsExactly(
        tuple("LAUNCH1", "pro", 500), tuple("LAUNCH2", "pro", 777), tuple("LAUNCH3", "enterprise", 200),
        tuple("SPRING", "enterprise", 40));
    long redeemed = store.readEvents(new dev.telemetry.store.EventQuery("invite_redeemed", END.minus(Duration.ofDays(30)),
        END, 100_000)).size();
    assertThat(codes.rows().stream().mapToLong(r -> ((Number) r.get(3)).longValue()).sum()).isEqualTo(redeemed);
    assertThat(codes.rows().get(3).get(3)).isEqualTo(0L); // a new code nobody redeemed yet
  }

  @Test
  void devnetExecutionMetricsStayHiddenUntilTenExecutionsWithVolumeExist() {
    List<String> gated = List.of("executions", "executions_by_asset", "volume_by_asset", "fees");
    // Twelve executions without volume (a load test's): still hidden, the gate counts none of them.
    PageResult noVolume = devnetWith(12, 0.0);
    assertThat(gated).allSatisfy(name -> {
      SectionResult section = noVolume.section(name).orElseThrow();
      assertThat(section.state()).as(name).isEqualTo(SectionResult.State.COLLECTING);
      assertThat(section.collecting()).isEqualTo(new SectionResult.Collecting(0, 10, "executions with volume"));
    });
    // Nine executions with volume: nine of ten.
    assertThat(devnetWith(9, 5.0).section("volume_by_asset").orElseThrow().collecting())
        .isEqualTo(new SectionResult.Collecting(9, 10, "executions with volume"));
    // Ten with volume: shown, computed.
    PageResult shown = devnetWith(10, 5.0);
    assertThat(gated).allSatisfy(name ->
        assertThat(shown.section(name).orElseThrow().state()).as(name).isEqualTo(SectionResult.State.OK));
    SectionView.Stats executions = (SectionView.Stats) shown.view("executions").orElseThrow();
    assertThat(executions.stats().get(0).value()).isEqualTo(10.0);
  }

  private static PageResult devnetWith(int executions, double amount) {
    InMemoryStore devnetStore = InMemoryStore.create();
    List<BusinessEvent> events = new ArrayList<>();
    for (int i = 0; i < executions; i++) {
      events.add(new BusinessEvent(END.minus(Duration.ofMinutes(10 + i)), "execution_finalized", "wallet-" + i,
          Map.of("asset", "SOL"), Outcome.SUCCESS, amount, "devnet", "demo-1"));
    }
    assertThat(devnetStore.write(new WriteBatch("b1", "demo-1", List.of(), List.of(), List.of(), events, List.of()))
        .success()).isTrue();
    TestClock clock = TestClock.at(END);
    TelemetryQueries queries = TelemetryQueries.builder(devnetStore, DemoModel.contract(), clock, Duration.ofDays(30))
        .build();
    return PageRegistry.builder().clock(clock).register(new DemoPages(() -> queries,
        () -> Freshness.readAll(devnetStore, clock.instant()), devnetStore, clock, List::of,
        HostDatabase.create(clock)).devnet()).build().page("devnet");
  }
}
