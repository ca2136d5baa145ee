package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.pages.SectionView;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command center's "Traffic (1 min)" and the summary's traffic sign read the same steady
 * traffic alike, also just after a start: the start-up minute holds requests only from the start on.
 */
class CommandCenterTrafficTest {
  private static final double RATE = 8.0;
  private final InMemoryStore store = InMemoryStore.create();
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-23T11:55:00Z"));

  @Test
  void justAfterAStartTrafficReadsTheLastWholeMinuteLikeTheSummary() {
    // An earlier run: five whole minutes at 8 req/s.
    try (Telemetry earlier = telemetry()) {
      recordFor(earlier, Duration.ofMinutes(5));
    }
    // This run starts at 12:00:45 and, its server up 7 s later, serves 8 s at the same rate; the
    // page is read at 12:01:10, when the last complete minute is the start-up minute.
    clock.set(Instant.parse("2026-11-23T12:00:45Z"));
    try (Telemetry telemetry = telemetry()) {
      clock.advance(Duration.ofSeconds(7));
      recordFor(telemetry, Duration.ofSeconds(8));
      clock.set(Instant.parse("2026-11-23T12:01:10Z"));
      telemetry.flush();

      Double summaryTraffic = telemetry.summary().refresh().vitalSigns().get(1).value();

      assertThat(summaryTraffic).isCloseTo(RATE, within(0.01));
      assertThat(trafficWidget(telemetry)).isCloseTo(RATE, within(0.01)); // was 64 requests / 60 s = 1.07
    }
  }

  @Test
  void withoutAWholeMinuteSinceTheStartTrafficIsUnknownNotZero() {
    clock.set(Instant.parse("2026-11-23T12:00:45Z"));
    try (Telemetry telemetry = telemetry()) {
      recordFor(telemetry, Duration.ofSeconds(15));
      clock.set(Instant.parse("2026-11-23T12:01:10Z"));
      telemetry.flush();

      assertThat(trafficWidget(telemetry)).isNull();
    }
  }

  private Telemetry telemetry() {
    return Telemetry.builder().service("demo-shop").node("demo-1").contract(DemoModel.contract()).store(store)
        .clock(clock).backgroundThreads(false).closeOnShutdown(false).build();
  }

  /** RATE requests a second, one second at a time, flushed at each minute's end. */
  private void recordFor(Telemetry telemetry, Duration duration) {
    for (long s = 0; s < duration.toSeconds(); s++) {
      for (int i = 0; i < RATE; i++) {
        telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS).increment("route", "/cart", "method", "GET",
            "status", "200");
      }
      Instant next = clock.instant().plusSeconds(1);
      if (next.getEpochSecond() % 60 == 0) {
        telemetry.flush();
      }
      clock.set(next);
    }
    telemetry.flush();
  }

  private Double trafficWidget(Telemetry telemetry) {
    DemoPages pages = new DemoPages(telemetry::queries, List::of, store, clock, List::of, HostDatabase.create(clock));
    SectionView.Stats vitals = (SectionView.Stats) PageRegistry.builder().clock(clock).register(pages.commandCenter())
        .build().page("command-center").view("vital_signs").orElseThrow();
    return vitals.stats().stream().filter(s -> s.label().equals("Traffic (1 min)")).findFirst().orElseThrow().value();
  }
}
