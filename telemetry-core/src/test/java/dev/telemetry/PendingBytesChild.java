package dev.telemetry;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link PendingBytesTest}: the store is down, so every flush leaves its
 * batch waiting; prints the pipeline's pending-bytes estimate and the heap after GC those batches
 * really keep, over {@code minutes} simulated minutes of one scenario.
 */
public final class PendingBytesChild {
  private PendingBytesChild() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    int minutes = Integer.parseInt(args[1]);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:30Z"));
    dev.telemetry.store.TelemetryStore down = new dev.telemetry.store.ForwardingStore(InMemoryStore.create()) {
      @Override
      public StoreResult write(WriteBatch batch) {
        return StoreResult.retryableFailure("down", null);
      }
    };
    Telemetry telemetry = Fixtures.manual(down, clock).contract(Fixtures.contract(1000)).maxPendingBytes(1L << 30)
        .redaction(dev.telemetry.redaction.RedactionPolicy.builder().pseudonymSalt("pending-salt-0123456789").build())
        .logAttributeKeys("provider", "attempt").eventDimensionKeys("tier")
        .build();
    SplittableRandom random = new SplittableRandom(42);
    minute(telemetry, scenario, random, 0); // every series and stripe exists before the baseline
    telemetry.flush();
    clock.advance(Duration.ofMinutes(1));
    long heapBefore = FloodChild.heapAfterGc();
    long pendingBefore = telemetry.selfMetrics().pendingBytes();
    for (int m = 1; m <= minutes; m++) {
      minute(telemetry, scenario, random, m);
      telemetry.flush();
      clock.advance(Duration.ofMinutes(1));
    }
    long heapAfter = FloodChild.heapAfterGc();
    SelfMetrics s = telemetry.selfMetrics();
    System.out.println("estimated=" + (s.pendingBytes() - pendingBefore));
    System.out.println("measured=" + (heapAfter - heapBefore));
    System.out.println("batches=" + s.queueDepth());
    System.out.println("dropped=" + s.droppedRows());
    telemetry.close();
  }

  /** One minute of traffic: 500 histogram and 500 counter series, or 2,000 logs, or a mix with spans and events. */
  private static void minute(Telemetry t, String scenario, SplittableRandom random, int m) {
    boolean metrics = scenario.equals("metrics") || scenario.equals("mixed");
    boolean discrete = scenario.equals("logs") || scenario.equals("mixed");
    if (metrics) {
      Histogram latency = t.histogram(Fixtures.LATENCY);
      Counter requests = t.counter(Fixtures.REQUESTS);
      for (int route = 0; route < 100; route++) {
        for (int status = 0; status < 5; status++) {
          String r = "/api/v1/resource" + route + "/{id}";
          String code = String.valueOf(200 + status * 50);
          for (int i = 0; i < 40; i++) {
            latency.record(0.002 + random.nextDouble() * random.nextDouble() * 1.5, "route", r, "method", "GET", "status", code);
          }
          requests.add(40, "route", r, "method", "GET", "status", code);
        }
      }
    }
    if (discrete) {
      for (int i = 0; i < 2000; i++) {
        t.log(LogLevel.ERROR, "payments", "charge_failed", "charge " + m + "-" + i + " failed: card declined by issuer"
            + " after 3 attempts (order " + random.nextLong() + ")", String.format("%032x", random.nextLong() & Long.MAX_VALUE),
            null, Map.of("provider", "stripe", "attempt", String.valueOf(i % 3)));
      }
      for (int i = 0; i < 500; i++) {
        t.span(null, String.format("%032x", random.nextLong() & Long.MAX_VALUE), "00f067aa0ba902b7", "GET /cart/{id}",
            "shop", "/cart/" + i, 200, false, Duration.ofMillis(12));
        t.event("checkout", "user-" + random.nextInt(10_000), Map.of("tier", "pro"), Outcome.SUCCESS, 1);
      }
    }
  }
}
