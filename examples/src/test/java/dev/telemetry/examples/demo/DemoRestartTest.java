package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TelemetryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo restarted on the same SQLite file generates only the minutes it has not written before. */
class DemoRestartTest {
  @TempDir
  Path dir;

  @Test
  void restartingThreeTimesLeavesTheBackfilledRequestTotalsUnchanged() throws Exception {
    String store = "sqlite:" + dir.resolve("demo.db");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    DemoArguments args = DemoArguments.parse(List.of("--port", "0", "--store", store, "--backfill-days", "1",
        "--no-traffic", "--token", "demo-token-0123456789"));

    long started = System.nanoTime();
    runToCompletion(args, log);
    Duration firstRun = Duration.ofNanos(System.nanoTime() - started);
    DemoHistory first = history(store);
    // The backfilled range, away from its edges (the newest minutes may be topped up by a restart
    // that starts in a later minute, which is new history, not a repeat).
    Instant from = first.from().plus(Duration.ofMinutes(5));
    Instant to = first.to().minus(Duration.ofMinutes(5));
    long requests = requestCount(store, from, to);
    // One day back from the start, plus the minutes that passed while the backfill ran (a slow
    // machine crosses minute boundaries; the demo writes them too).
    assertThat(Duration.between(first.from(), first.to()))
        .isBetween(Duration.ofDays(1), Duration.ofDays(1).plus(firstRun).plusMinutes(1));
    assertThat(requests).isPositive();

    for (int restart = 1; restart <= 3; restart++) {
      runToCompletion(args, log);
      assertThat(requestCount(store, from, to)).as("requests after restart %d", restart).isEqualTo(requests);
      DemoHistory now = history(store);
      assertThat(now.from()).as("the range still starts where it did").isEqualTo(first.from());
      assertThat(now.to()).isAfterOrEqualTo(first.to());
    }
    assertThat(log.toString()).contains("nothing to generate");
  }

  @Test
  void aRangeThatEndedBeforeTheWindowIsReplacedAndAGapIsFilledOldestFirst() {
    Instant now = Instant.parse("2026-11-29T12:00:00Z");
    DemoHistory.Plan stale = DemoHistory.plan(Optional.of(new DemoHistory(now.minus(Duration.ofDays(9)),
        now.minus(Duration.ofDays(8)))), now, 7);
    assertThat(stale.fresh()).isTrue();
    assertThat(stale.windowStart()).isEqualTo(now.minus(Duration.ofDays(7)));

    DemoHistory.Plan gap = DemoHistory.plan(Optional.of(new DemoHistory(now.minus(Duration.ofDays(2)),
        now.minus(Duration.ofHours(3)))), now, 7);
    assertThat(gap.fresh()).isFalse();
    assertThat(gap.gapFrom()).isEqualTo(now.minus(Duration.ofHours(3)));
    assertThat(gap.olderTo()).isEqualTo(now.minus(Duration.ofDays(2)));

    assertThat(DemoHistory.plan(Optional.empty(), now, 1).fresh()).isTrue();
  }

  private static void runToCompletion(DemoArguments args, ByteArrayOutputStream log) throws Exception {
    try (Demo demo = Demo.start(args, new PrintStream(log, true))) {
      assertThat(demo.awaitBackfill(Duration.ofMinutes(3))).as("backfill done").isTrue();
    }
  }

  private static DemoHistory history(String spec) {
    try (TelemetryStore store = Demo.openStore(spec)) {
      return DemoHistory.read(store).orElseThrow();
    }
  }

  private static long requestCount(String spec, Instant from, Instant to) {
    try (TelemetryStore store = Demo.openStore(spec)) {
      return store.readSamples(SampleQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, Resolution.MINUTE, from, to))
          .stream().mapToLong(MetricSample::count).sum();
    }
  }
}
