package dev.telemetry.pages;

import dev.telemetry.status.SectionError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageRegistryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger computations = new AtomicInteger();

  record Totals(int users, int active) {}

  private PageProvider users() {
    return PageProvider.of("users", Duration.ofMinutes(5),
        PageSection.of("totals", () -> new Totals(42, computations.incrementAndGet())),
        PageSection.of("tiers", () -> Map.of("free", 40, "pro", 2)));
  }

  @Test
  void aPageIsServedFromCacheUntilItsTtlHasPassed() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users()).build();

    PageResult first = registry.page("users");
    assertThat(first).isEqualTo(new PageResult("users", T0, 300,
        Map.of("totals", new Totals(42, 1), "tiers", Map.of("free", 40, "pro", 2)), List.of()));
    assertThat(first.sections().keySet()).containsExactly("totals", "tiers");

    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(registry.page("users")).isSameAs(first);
    assertThat(computations).hasValue(1);

    clock.advance(Duration.ofNanos(1));
    PageResult second = registry.page("users");
    assertThat(second.generatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(second.sections().get("totals")).isEqualTo(new Totals(42, 2));
  }

  @Test
  void eachPageHasItsOwnTtl() {
    AtomicInteger fast = new AtomicInteger();
    PageRegistry registry = PageRegistry.builder().clock(clock).register(users())
        .register(PageProvider.of("live", Duration.ofSeconds(10), PageSection.of("n", fast::incrementAndGet)))
        .build();
    registry.page("users");
    registry.page("live");
    clock.advance(Duration.ofSeconds(10));
    registry.page("users");
    assertThat(registry.page("live").sections()).containsEntry("n", 2);
    assertThat(computations).hasValue(1);
  }

  @Test
  void aThrowingSectionGivesPartialDataAndAnErrorNamingIt() {
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("billing", Duration.ofMinutes(1),
        PageSection.of("invoices", () -> {
          throw new IllegalStateException("db down");
        }),
        PageSection.of("plans", () -> List.of("free", "pro")),
        PageSection.of("nothing", () -> null))).build();

    PageResult r = registry.page("billing");

    assertThat(r.sections()).containsOnlyKeys("plans", "nothing");
    assertThat(r.sections().get("nothing")).isNull();
    assertThat(r.errors()).containsExactly(new SectionError("invoices", "IllegalStateException: db down"));
  }

  @Test
  void concurrentReadersOfAnExpiredPageShareOneComputation() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PageRegistry registry = PageRegistry.builder().clock(clock).register(PageProvider.of("slow", Duration.ofMinutes(1),
        PageSection.of("value", () -> {
          computations.incrementAndGet();
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "done";
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
        .register(PageProvider.of("a-page", Duration.ofSeconds(1), PageSection.of("x", () -> 1))).build();
    assertThat(registry.pages()).containsExactly(
        new PageInfo("users", 300, List.of("totals", "tiers")), new PageInfo("a-page", 1, List.of("x")));
  }

  @Test
  void registrationValidatesIdTtlAndSections() {
    PageSection<Integer> one = PageSection.of("x", () -> 1);
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
        PageProvider.of("p", Duration.ofSeconds(5), PageSection.of("Bad", () -> 1))))
        .hasMessage("page 'p': section name 'Bad' must match [a-z][a-z0-9_]{0,63}");
    assertThatThrownBy(() -> PageRegistry.builder().register(PageProvider.of("p", Duration.ofSeconds(5), one))
        .register(PageProvider.of("p", Duration.ofSeconds(5), one)))
        .hasMessage("page 'p' is registered twice");
  }
}
