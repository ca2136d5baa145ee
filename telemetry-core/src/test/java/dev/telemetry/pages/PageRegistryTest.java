package dev.telemetry.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.MutableClock;
import dev.telemetry.pages.PageRegistry.PageInfo;
import dev.telemetry.pages.PageRegistry.PageResult;
import dev.telemetry.pages.PageRegistry.SectionResult;
import dev.telemetry.status.SectionError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageRegistryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger computations = new AtomicInteger();

  private static SectionView number(double n) {
    return SectionView.stats(SectionView.Stat.of("n", n, ""));
  }

  private static SectionView.Breakdown tiers() {
    return new SectionView.Breakdown("", List.of(new SectionView.Bar("free", 40, 95.2), new SectionView.Bar("pro", 2, 4.8)));
  }

  private PageProvider users() {
    return PageProvider.of("users", Duration.ofMinutes(5),
        PageSection.of("totals", "Totals", () -> number(computations.incrementAndGet())),
        PageSection.of("tiers", "Tiers", PageRegistryTest::tiers));
  }

  private static SectionView viewOf(PageResult page, String section) {
    return page.view(section).orElseThrow();
  }

  @Test
  void aPageIsServedFromCacheUntilItsTtlHasPassed() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users()).build();

    PageResult first = registry.page("users");
    Instant expiry = T0.plus(Duration.ofMinutes(5));
    assertThat(first).isEqualTo(new PageResult("users", null, "users", T0, 300, List.of(
        new SectionResult("totals", "Totals", SectionResult.State.OK, "stats", T0, expiry, 300, number(1), null, null),
        new SectionResult("tiers", "Tiers", SectionResult.State.OK, "breakdown", T0, expiry, 300, tiers(), null, null)),
        List.of()));

    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(registry.page("users")).isSameAs(first);
    assertThat(computations).hasValue(1);

    clock.advance(Duration.ofNanos(1));
    PageResult second = registry.page("users");
    assertThat(second.generatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(viewOf(second, "totals")).isEqualTo(number(2));
    assertThat(second.section("totals").orElseThrow().computedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void eachPageHasItsOwnTtl() {
    AtomicInteger fast = new AtomicInteger();
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users())
        .register(PageProvider.of("live", Duration.ofSeconds(10), PageSection.of("n", "N", () -> number(fast.incrementAndGet()))))
        .build();
    registry.page("users");
    registry.page("live");
    clock.advance(Duration.ofSeconds(10));
    registry.page("users");
    assertThat(viewOf(registry.page("live"), "n")).isEqualTo(number(2));
    assertThat(computations).hasValue(1);
  }

  @Test
  void aThrowingSectionFailsAloneAndTheRestOfThePageIsServed() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("billing", Duration.ofMinutes(1),
        PageSection.of("invoices", "Invoices", () -> {
          throw new IllegalStateException("db down");
        }),
        PageSection.of("plans", "Plans", () -> SectionView.text("free, pro")),
        PageSection.of("nothing", "Nothing", () -> null))).build();

    PageResult r = registry.page("billing");

    assertThat(r.sections()).extracting(SectionResult::name, SectionResult::state, SectionResult::error).containsExactly(
        org.assertj.core.groups.Tuple.tuple("invoices", SectionResult.State.ERROR, "IllegalStateException: db down"),
        org.assertj.core.groups.Tuple.tuple("plans", SectionResult.State.OK, null),
        org.assertj.core.groups.Tuple.tuple("nothing", SectionResult.State.ERROR,
            "IllegalStateException: the section returned no view"));
    assertThat(viewOf(r, "plans")).isEqualTo(SectionView.text("free, pro"));
    assertThat(r.section("invoices").orElseThrow().view()).isNull();
    assertThat(r.errors()).extracting(SectionError::section).containsExactly("invoices", "nothing");
  }

  @Test
  void everyServedStringOfAViewAndEverySectionErrorPassesTheScrubGate() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("support", Duration.ofMinutes(1),
        PageSection.of("tickets", "Tickets", () -> SectionView.Table.builder().text("from", "From")
            .number("open", "Open", "").row("alice@example.com", 3).build()),
        PageSection.of("note", "Note", () -> SectionView.text("call bob@example.com")),
        PageSection.of("crm", "CRM", () -> {
          throw new IllegalStateException("refused Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789");
        }))).build();

    PageResult page = registry.page("support");

    SectionView.Table tickets = (SectionView.Table) viewOf(page, "tickets");
    assertThat(tickets.rows()).containsExactly(List.of("[REDACTED:email]", 3));
    assertThat(viewOf(page, "note")).isEqualTo(SectionView.text("call [REDACTED:email]"));
    assertThat(page.section("crm").orElseThrow().error()).doesNotContain("abcdefghijklmnopqrstuvwxyz")
        .contains("[REDACTED");
    assertThat(page.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo(
        page.section("crm").orElseThrow().error()));
  }

  @Test
  void aGatedSectionSaysCollectingUntilItsMinimumIsReachedWithoutComputingItsView() {
    AtomicInteger executions = new AtomicInteger(3);
    AtomicInteger viewCalls = new AtomicInteger();
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("jobs", Duration.ofSeconds(60),
        PageSection.of("success", "Success rate", () -> number(viewCalls.incrementAndGet()))
            .collectingUntil(10, "executions", executions::get),
        PageSection.of("always", "Always", () -> number(1)))).build();

    PageResult early = registry.page("jobs");
    assertThat(early.section("success").orElseThrow()).satisfies(s -> {
      assertThat(s.state()).isEqualTo(SectionResult.State.COLLECTING);
      assertThat(s.collecting()).isEqualTo(new SectionResult.Collecting(3, 10, "executions"));
      assertThat(s.view()).isNull();
    });
    assertThat(early.section("always").orElseThrow().state()).isEqualTo(SectionResult.State.OK);
    assertThat(early.errors()).isEmpty();
    assertThat(viewCalls).hasValue(0);

    executions.set(10);
    clock.advance(Duration.ofSeconds(60));
    PageResult later = registry.page("jobs");
    assertThat(later.section("success").orElseThrow().state()).isEqualTo(SectionResult.State.OK);
    assertThat(viewOf(later, "success")).isEqualTo(number(1));
  }

  @Test
  void aThrowingGateIsThatSectionsError() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("jobs", Duration.ofSeconds(60),
        PageSection.of("success", "Success rate", () -> number(1)).collectingUntil(10, "runs", () -> {
          throw new IllegalStateException("count failed");
        }))).build();
    assertThat(registry.page("jobs").section("success").orElseThrow().error())
        .isEqualTo("IllegalStateException: count failed");
  }

  @Test
  void drillDownPagesAreComputedPerDetailIdCachedForThePageTtlAndValidated() {
    AtomicInteger computed = new AtomicInteger();
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.builder("jobs")
        .title("Jobs").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("all", "All jobs", () -> number(2)))
        .details(job -> job.equals("nightly") ? java.util.Optional.of(List.of(
            PageSection.of("runs", "Runs of " + job, () -> number(computed.incrementAndGet()))))
            : java.util.Optional.empty())
        .build()).build();

    PageResult nightly = registry.detail("jobs", "nightly");
    assertThat(nightly.id()).isEqualTo("jobs");
    assertThat(nightly.detail()).isEqualTo("nightly");
    assertThat(viewOf(nightly, "runs")).isEqualTo(number(1));
    assertThat(registry.detail("jobs", "nightly")).isSameAs(nightly);
    clock.advance(Duration.ofMinutes(5));
    assertThat(viewOf(registry.detail("jobs", "nightly"), "runs")).isEqualTo(number(2));

    assertThatThrownBy(() -> registry.detail("jobs", "hourly")).isInstanceOf(UnknownPageException.class);
    assertThatThrownBy(() -> registry.detail("jobs", "../etc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("detail must match [A-Za-z0-9_.:-]{1,64}");
    assertThatThrownBy(() -> registry.detail("jobs", "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.detail("users-x", "nightly")).isInstanceOf(UnknownPageException.class);
    assertThat(registry.pages()).singleElement().satisfies(p -> assertThat(p.hasDetails()).isTrue());
  }

  @Test
  void aDrillDownThatThrowsOrDeclaresBadSectionsIsAPageWithOneFailedSection() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.builder("jobs")
        .ttl(Duration.ofMinutes(5)).section(PageSection.of("all", "All", () -> number(1)))
        .details(job -> {
          if (job.equals("boom")) {
            throw new IllegalStateException("no job table");
          }
          PageSection twice = PageSection.of("runs", "Runs", () -> number(1));
          return java.util.Optional.of(List.of(twice, twice));
        }).build()).build();

    assertThat(registry.detail("jobs", "boom").errors()).containsExactly(
        new SectionError("detail", "IllegalStateException: no job table"));
    assertThat(registry.detail("jobs", "twice").section("detail").orElseThrow().error())
        .isEqualTo("IllegalArgumentException: detail 'twice': section 'runs' is declared twice");
  }

  @Test
  void aPageWithoutDetailsHasNoDrillDown() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users()).build();
    assertThatThrownBy(() -> registry.detail("users", "x")).isInstanceOf(UnknownPageException.class);
  }

  @Test
  void concurrentReadersOfAnExpiredPageShareOneComputation() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("slow", Duration.ofMinutes(1),
        PageSection.of("value", "Value", () -> {
          computations.incrementAndGet();
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return SectionView.text("done");
        }))).build();

    CompletableFuture<PageResult> first = CompletableFuture.supplyAsync(() -> registry.page("slow"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread[] reader = new Thread[1];
    CompletableFuture<PageResult> second = new CompletableFuture<>();
    reader[0] = new Thread(() -> second.complete(registry.page("slow")));
    reader[0].start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reader[0].getState() != Thread.State.WAITING && reader[0].getState() != Thread.State.BLOCKED
        && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the second reader is parked on the page's computation
    }
    release.countDown();

    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
    assertThat(computations).hasValue(1);
  }

  @Test
  void unknownOrMalformedIdsAreATypedUnknownPage() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users()).build();
    assertThatThrownBy(() -> registry.page("nope")).isInstanceOfSatisfying(UnknownPageException.class,
        e -> assertThat(e.pageId()).isEqualTo("nope")).hasMessage("no page 'nope'");
    assertThatThrownBy(() -> registry.page("x".repeat(1000))).isInstanceOfSatisfying(UnknownPageException.class,
        e -> assertThat(e.pageId()).hasSize(65));
    assertThatThrownBy(() -> registry.page(null)).isInstanceOf(UnknownPageException.class);
  }

  @Test
  void listsPagesInRegistrationOrder() {
    PageRegistry registry = PageRegistry.builder().register(users())
        .register(PageProvider.builder("a-page").title("A page").ttl(Duration.ofSeconds(1))
            .section(PageSection.of("x", "X", () -> number(1))).build()).build();
    assertThat(registry.pages()).containsExactly(
        new PageInfo("users", "users", 300, List.of("totals", "tiers"), false),
        new PageInfo("a-page", "A page", 1, List.of("x"), false));
  }

  @Test
  void registrationValidatesIdTtlAndSections() {
    PageSection one = PageSection.of("x", "X", () -> number(1));
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("Users", Duration.ofSeconds(5), one)))
        .hasMessage("page id 'Users' must match [a-z0-9-]{1,64}");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("a".repeat(65), Duration.ofSeconds(5), one)))
        .hasMessageContaining("must match [a-z0-9-]{1,64}");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("p", Duration.ofMillis(500), one)))
        .hasMessage("page 'p': ttl must be between 1 s and 1 day, was PT0.5S");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("p", Duration.ofSeconds(5))))
        .hasMessage("page 'p': must have 1 to 64 sections, has 0");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("p", Duration.ofSeconds(5), one, one)))
        .hasMessage("page 'p': section 'x' is declared twice");
    assertThatThrownBy(() -> PageRegistry.builder().register(
        PageProvider.of("p", Duration.ofSeconds(5), PageSection.of("Bad", "Bad", () -> number(1)))))
        .hasMessage("page 'p': section name 'Bad' must match [a-z][a-z0-9_]{0,63}");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("p", Duration.ofSeconds(5), one))
        .register(PageProvider.of("p", Duration.ofSeconds(5), one)))
        .hasMessage("page 'p' is registered twice");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.builder("p").title(" ").ttl(Duration.ofSeconds(5))
        .section(one).build())).hasMessage("page 'p': title must be 1 to 100 characters");
  }
}
