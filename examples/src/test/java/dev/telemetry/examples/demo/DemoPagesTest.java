package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.health.FreshnessView;
import dev.telemetry.pages.PageInfo;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.PageResult;
import dev.telemetry.query.EventShare;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seven recipe pages compute from a day of simulated history, every section present. */
class DemoPagesTest {
  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");
  private static PageRegistry registry;

  @BeforeAll
  static void backfillADay() {
    InMemoryStore store = InMemoryStore.create();
    Backfill.run(store, "demo-1", RedactionPolicy.builder().pseudonymSalt("demo-salt-for-the-test-only").build(),
        END, 1, () -> false);
    TestClock clock = TestClock.at(END);
    TelemetryQueries queries = TelemetryQueries.builder(store, DemoModel.contract(), clock, Duration.ofDays(30)).build();
    DemoPages pages = new DemoPages(queries, new FreshnessView(store, clock), store, clock, List::of);
    PageRegistry.Builder builder = PageRegistry.builder().clock(clock);
    pages.all().forEach(builder::register);
    registry = builder.build();
  }

  @Test
  void registersTheSevenRecipesAndEachComputesWithoutSectionErrors() {
    assertThat(registry.pages()).extracting(PageInfo::id).containsExactly("overview", "users", "api-usage",
        "freshness", "jobs", "deployments", "link-processing");
    for (PageInfo info : registry.pages()) {
      PageResult page = registry.page(info.id());
      assertThat(page.errors()).as(info.id()).isEmpty();
      assertThat(page.sections()).as(info.id()).isNotEmpty().doesNotContainValue(null);
    }
  }

  @Test
  void overviewCountsActiveUsersAndCommands() {
    DemoPages.Overview overview = (DemoPages.Overview) registry.page("overview").sections().get("totals");
    assertThat(overview.activeUsers24h()).isPositive();
    assertThat(overview.commands24h()).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void deploymentsSplitByNetworkAddsUpToAHundredPercent() {
    List<EventShare> split = (List<EventShare>) registry.page("deployments").sections().get("network_split");
    assertThat(split).extracting(EventShare::value).contains("mainnet", "testnet");
    assertThat(split.stream().mapToDouble(EventShare::percent).sum()).isCloseTo(100.0,
        org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  @SuppressWarnings("unchecked")
  void linkProcessingReportsTotalsAndPercentiles() {
    Map<String, Object> totals = (Map<String, Object>) registry.page("link-processing").sections().get("totals");
    assertThat((long) totals.get("total")).isPositive();
    assertThat((Double) totals.get("p95_processing_ms")).isGreaterThan((Double) totals.get("avg_processing_ms"));
  }
}
