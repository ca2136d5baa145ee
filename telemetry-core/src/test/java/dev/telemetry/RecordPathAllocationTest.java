package dev.telemetry;

import static dev.telemetry.Fixtures.LATENCY;
import static dev.telemetry.Fixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.InMemoryStore;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The record path allocates nothing once a label set has been seen: measured with the JVM's
 * per-thread allocation counter over many records (JMH's -prof gc gives the same answer in the
 * benchmarks module; this test keeps it from regressing).
 */
class RecordPathAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void boundAndLabeledRecordsAllocateNothingInSteadyState() {
    Telemetry telemetry = Fixtures.manual(InMemoryStore.create(), new MutableClock(Fixtures.T0)).build();
    Histogram latency = telemetry.histogram(LATENCY);
    BoundHistogram bound = latency.bind("route", "/users/{id}", "method", "GET");
    Counter requests = telemetry.counter(REQUESTS);
    String[] routes = {"/users/{id}", "/orders/{id}", "/cart"};
    // Longer than the cap: found by the capped hash after the whole-value probe misses.
    String longMethod = "M".repeat(300);
    Runnable work = () -> {
      for (int i = 0; i < 100_000; i++) {
        double v = 0.001 * (1 + (i % 500));
        bound.record(v);
        latency.record(v, "route", routes[i % 3], "method", "GET", "status", "200");
        requests.increment("route", routes[i % 3], "status", "200");
        latency.record(v, "route", routes[i % 3], "method", longMethod);
      }
    };
    work.run(); // creates the series and grows the sketches' bucket windows
    work.run();

    long before = THREADS.getCurrentThreadAllocatedBytes();
    work.run();
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

    // 400,000 records; a single boxed value or varargs array per record would be megabytes.
    assertThat(allocated).isLessThan(4096);
    telemetry.close();
  }
}
