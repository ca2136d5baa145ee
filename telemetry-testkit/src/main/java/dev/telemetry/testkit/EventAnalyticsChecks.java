package dev.telemetry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.events.EventAnalytics;
import dev.telemetry.events.EventAnalytics.EventShare;
import dev.telemetry.events.EventAnalytics.ValueStats;
import dev.telemetry.events.EventAnalyticsQuery;
import dev.telemetry.events.EventQueries;
import dev.telemetry.query.QueryRange;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.EventTypeCount;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreStats;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Event analytics over a store, checked against exact numbers computed here from the generated
 * events: counts, sums and averages exactly (up to double rounding), p50 and p95 within the
 * sketch's documented relative error of 0.5415 % of the exact nearest-rank percentile.
 */
final class EventAnalyticsChecks {
  /** {@link dev.telemetry.sketch.LatencySketch}'s documented bound, with room for double rounding. */
  static final double PERCENTILE_ERROR = 0.0054 + 1e-9;
  static final String TYPE = "swap_executed";
  private static final String[] TOKENS = {"eth", "usdc", "usdt", "dai", "wbtc", "link", "uni", "aave", "mkr",
      "crv", "ldo", "arb", "op", "pepe", "shib"};

  final Instant now;
  final List<BusinessEvent> thisWeek = new ArrayList<>();
  final List<BusinessEvent> lastWeek = new ArrayList<>();
  private final EventQueries queries;

  EventAnalyticsChecks(TelemetryStore store, Instant now) {
    this.now = now;
    this.queries = EventQueries.builder(store, TestClock.at(now), Duration.ofDays(30)).build();
  }

  /** Writes skewed, heavy-tailed swaps over the last two weeks plus another type, in several batches. */
  void writeSwaps(TelemetryStore store, int perWeek) {
    Random random = new Random(42);
    List<BusinessEvent> all = new ArrayList<>();
    for (int week = 0; week < 2; week++) {
      for (int i = 0; i < perWeek; i++) {
        // Zipf-like token popularity, log-normal amounts from cents to tens of thousands.
        String token = TOKENS[Math.min(TOKENS.length - 1, (int) Math.floor(Math.pow(random.nextDouble(), 2.2)
            * TOKENS.length))];
        String network = random.nextInt(5) == 0 ? "testnet" : "mainnet";
        double amount = Math.round(Math.exp(random.nextGaussian() * 2.0 + 4.0) * 100) / 100.0;
        Instant ts = now.minus(Duration.ofDays(7L * (week + 1))).plusMillis(random.nextInt(7 * 86_400_000 - 1) + 1);
        BusinessEvent e = new BusinessEvent(ts, TYPE, "w" + random.nextInt(400),
            Map.of("asset", token, "network", network), random.nextInt(20) == 0 ? Outcome.FAILURE : Outcome.SUCCESS,
            amount, "svc", "node-a");
        (week == 0 ? thisWeek : lastWeek).add(e);
        all.add(e);
      }
    }
    all.add(new BusinessEvent(now.minusSeconds(30), "wallet_linked", "w1", Map.of("wallet", "ledger"), Outcome.NONE,
        0, "svc", "node-a"));
    for (int from = 0; from < all.size(); from += 1000) {
      List<BusinessEvent> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      assertThat(store.write(new WriteBatch("swaps-" + from, "node-a", List.of(), List.of(), List.of(),
          List.copyOf(chunk), List.of())).success()).isTrue();
    }
  }

  EventAnalytics ask(EventAnalyticsQuery q) {
    return queries.analyze(q);
  }

  EventAnalyticsQuery week() {
    return EventAnalyticsQuery.of(TYPE, QueryRange.between(now.minus(Duration.ofDays(7)), now));
  }

  /** Checks {@code actual} against the exact statistics of {@code events}' values. */
  static void assertValueStats(ValueStats actual, List<BusinessEvent> events, String what) {
    double[] sorted = events.stream().mapToDouble(BusinessEvent::value).sorted().toArray();
    BigDecimal exactSum = events.stream().map(e -> new BigDecimal(e.value())).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    assertThat(actual.count()).as(what + " value count").isEqualTo(sorted.length);
    assertThat(actual.sum()).as(what + " sum").isCloseTo(exactSum.doubleValue(),
        within(Math.abs(exactSum.doubleValue()) * 1e-12));
    assertThat(actual.avg()).as(what + " avg").isCloseTo(exactSum.doubleValue() / sorted.length,
        within(Math.abs(exactSum.doubleValue() / sorted.length) * 1e-12));
    double p50 = nearestRank(sorted, 0.5);
    double p95 = nearestRank(sorted, 0.95);
    assertThat(actual.p50()).as(what + " p50 (exact " + p50 + ")").isCloseTo(p50, within(p50 * PERCENTILE_ERROR));
    assertThat(actual.p95()).as(what + " p95 (exact " + p95 + ")").isCloseTo(p95, within(p95 * PERCENTILE_ERROR));
  }

  /** The nearest-rank percentile: the smallest value with at least {@code q} of all values at or below it. */
  static double nearestRank(double[] sorted, double q) {
    return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
  }

  static List<BusinessEvent> where(List<BusinessEvent> events, Predicate<BusinessEvent> p) {
    return events.stream().filter(p).toList();
  }

  /** Tokens by count, most first, ties by name: the order of the breakdown. */
  static List<String> tokensByCount(List<BusinessEvent> events) {
    Map<String, Long> counts = events.stream().collect(Collectors.groupingBy(e -> e.dimensions().get("asset"),
        HashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey).toList();
  }

  static void assertShare(EventShare share, List<BusinessEvent> events, long total) {
    assertThat(share.count()).as(share.value() + " count").isEqualTo(events.size());
    assertThat(share.percent()).isCloseTo(100.0 * events.size() / total, within(1e-9));
    assertValueStats(share.valueStats(), events, share.value());
  }

  static EventTypeCount typeNamed(List<EventTypeCount> types, String name) {
    return types.stream().filter(t -> t.type().equals(name)).findFirst().orElseThrow();
  }

  static StoreStats.TableStats eventsTable(StoreStats stats) {
    return stats.tables().stream().filter(t -> t.name().endsWith("events")).findFirst()
        .orElseThrow(() -> new AssertionError("stats() lists no events table: " + stats));
  }
}
