package dev.telemetry;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM with a small heap by {@link FloodTest}: one thread hands in distinct 1 MB
 * texts (log messages, span names, event dimension values or attribute values) at full speed for a
 * while, with the background pipeline on and a store that counts what it is given and keeps
 * nothing. Prints {@code key=value} lines: heap after GC before and after the flood, its peak,
 * records offered, stored, dropped.
 */
public final class FloodChild {
  private FloodChild() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    Duration duration = Duration.parse(args[1]);
    AtomicLong storedRows = new AtomicLong();
    TelemetryStore counting = new dev.telemetry.store.ForwardingStore(InMemoryStore.create()) {
      @Override
      public StoreResult write(WriteBatch batch) {
        storedRows.addAndGet(batch.logs().size() + batch.traces().size() + batch.events().size());
        return StoreResult.ok();
      }
    };
    long before = heapAfterGc();
    Telemetry telemetry = Telemetry.builder().service("flood").node("n").store(counting)
        .redaction(dev.telemetry.redaction.RedactionPolicy.builder().pseudonymSalt("flood-salt-0123456789").build())
        .closeOnShutdown(false).build();
    char[] body = new char[1 << 20];
    Arrays.fill(body, 'x');
    PeakHeap peak = new PeakHeap();
    peak.start();
    long offered = 0;
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      String big = offered + new String(body); // a distinct 1 MB text each time
      switch (kind) {
        case "log" -> telemetry.warn("flood", "big", big);
        case "attribute" -> telemetry.log(LogLevel.WARN, "flood", "big", "m", null, null, Map.of("detail", big));
        case "span" -> telemetry.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", null, big, "flood", "/x", 200,
            false, Duration.ofMillis(1));
        case "event" -> telemetry.event("flood", null, Map.of("detail", big), Outcome.SUCCESS, 1);
        default -> throw new IllegalArgumentException("unknown kind " + kind);
      }
      offered++;
    }
    long during = peak.finish();
    long after = heapAfterGc();
    telemetry.close();
    SelfMetrics m = telemetry.selfMetrics();
    System.out.println("offered=" + offered);
    System.out.println("stored=" + storedRows.get());
    System.out.println("droppedDiscrete=" + m.droppedDiscrete());
    System.out.println("droppedRows=" + m.droppedRows());
    System.out.println("heapBefore=" + before);
    System.out.println("heapAfter=" + after);
    System.out.println("heapPeakAfterGc=" + during);
  }

  /** Heap in use right after a full collection. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The largest heap-in-use seen right after any collection while the flood ran. */
  private static final class PeakHeap extends Thread {
    private volatile boolean running = true;
    private long peak;

    PeakHeap() {
      super("peak-heap");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
          if (afterGc != null) {
            sum += afterGc.getUsed();
          }
        }
        peak = Math.max(peak, sum);
        try {
          Thread.sleep(10); // sampling period of a measurement, not synchronisation
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long finish() throws InterruptedException {
      running = false;
      interrupt();
      join();
      return peak;
    }
  }
}
