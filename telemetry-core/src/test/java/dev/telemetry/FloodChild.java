package dev.telemetry;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.StoreResult;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.WriteBatch;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Run in a child JVM with a small heap by {@link FloodTest}: threads hand in distinct 1 MB
 * texts (log messages, span names, event dimension values or attribute values) at full speed for a
 * while and at least a given number of texts, with the background pipeline on and a store that counts what it is given and keeps
 * nothing. Prints {@code key=value} lines: heap after GC before and after the flood, its peak
 * after a full collection during the flood,
 * records offered, stored, dropped.
 */
public final class FloodChild {
  private FloodChild() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    Duration duration = Duration.parse(args[1]);
    int threadCount = Integer.parseInt(args[2]);
    // At least this many texts whatever the machine's load: the flood is counted, not only timed.
    long minOffered = Long.parseLong(args[3]);
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
    AtomicLong offered = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < end || offered.get() < minOffered) {
          String big = offered.get() + new String(body); // a distinct 1 MB text each time
          switch (kind) {
            case "log" -> telemetry.warn("flood", "big", big);
            case "attribute" -> telemetry.log(LogLevel.WARN, "flood", "big", "m", null, null, Map.of("detail", big));
            case "span" -> telemetry.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", null, big, "flood", "/x", 200,
                false, Duration.ofMillis(1));
            case "event" -> telemetry.event("flood", null, Map.of("detail", big), Outcome.SUCCESS, 1);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          }
          offered.incrementAndGet();
        }
      }, "flood-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long during = peak.finish();
    long after = heapAfterGc();
    telemetry.close();
    SelfMetrics m = telemetry.selfMetrics();
    System.out.println("offered=" + offered.get());
    System.out.println("stored=" + storedRows.get());
    System.out.println("droppedDiscrete=" + m.droppedDiscrete());
    System.out.println("droppedRows=" + m.droppedRows());
    System.out.println("heapBefore=" + before);
    System.out.println("heapAfter=" + after);
    System.out.println("heapPeakAfterGc=" + during);
    System.out.println("fullCollections=" + peak.fullCollections.get());
  }

  /** Heap in use right after a full collection. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The largest heap in use right after a full collection while the flood ran (0 if none ran). */
  private static final class PeakHeap {
    private final AtomicLong peak = new AtomicLong();
    final AtomicLong fullCollections = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    void start() {
      Set<String> heapPools = new HashSet<>();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      NotificationListener listener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) notification.getUserData());
        if (!info.getGcAction().contains("major")) {
          return; // after a young collection the old generation still holds unreached garbage
        }
        fullCollections.incrementAndGet();
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          if (heapPools.contains(e.getKey())) {
            used += e.getValue().getUsed();
          }
        }
        peak.accumulateAndGet(used, Math::max);
      };
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(listener, null, null);
        removals.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }

    long finish() {
      removals.forEach(Runnable::run);
      return peak.get();
    }
  }
}
