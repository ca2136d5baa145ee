package dev.telemetry.benchmarks.record;

import dev.telemetry.BoundHistogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Heap held by histogram series after many writer threads recorded into them, measured without
 * JOL: the used heap after full GCs, before and after, divided by the number of series.
 *
 * <p>10 histograms × 100 label sets (1,000 series) are bound on the main thread; then
 * {@code threads} writers, released together by a latch, each record {@code rounds} values into
 * every series, round-robin. Nothing is flushed in between (no background threads), so what the
 * series hold is what recording left behind.
 *
 * <pre>
 * java -XX:ActiveProcessorCount=16 -cp benchmarks/target/benchmarks.jar \
 *     dev.telemetry.benchmarks.record.SeriesMemory 32 wide
 * </pre>
 *
 * {@code -XX:ActiveProcessorCount=16} makes the record path size itself for a 16-core machine
 * (64 stripes at most per series) on a small one. Distributions: {@code typical} is lognormal
 * (median 50 ms, sigma 0.6); {@code wide} is log-uniform from 100 µs to 100 s.
 */
public final class SeriesMemory {
  private static final int HISTOGRAMS = 10;
  private static final int LABEL_SETS = 100;
  private static final int VALUES = 4096;

  private SeriesMemory() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    String distribution = args.length > 1 ? args[1] : "typical";
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    double[] values = values(distribution);

    MetricContract.Builder contract = MetricContract.builder();
    for (int h = 0; h < HISTOGRAMS; h++) {
      contract.histogram("h" + h + "_seconds", m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY).labels("route")
          .cardinalityBudget(LABEL_SETS));
    }
    String[] routes = new String[LABEL_SETS];
    for (int r = 0; r < LABEL_SETS; r++) {
      routes[r] = "/route" + r;
    }
    Telemetry telemetry = Telemetry.builder().service("memory").contract(contract.build())
        .backgroundThreads(false).closeOnShutdown(false).build();
    BoundHistogram[] series = new BoundHistogram[HISTOGRAMS * LABEL_SETS];
    long before = usedAfterGc();
    for (int h = 0; h < HISTOGRAMS; h++) {
      for (int r = 0; r < LABEL_SETS; r++) {
        series[h * LABEL_SETS + r] = telemetry.histogram("h" + h + "_seconds").bind("route", routes[r]);
      }
    }

    CountDownLatch go = new CountDownLatch(1);
    Thread[] writers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int offset = t * 977;
      writers[t] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        int i = offset;
        for (int round = 0; round < rounds; round++) {
          for (BoundHistogram s : series) {
            s.record(values[(i++) & (VALUES - 1)]);
          }
        }
      });
      writers[t].start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread w : writers) {
      w.join();
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    long after = usedAfterGc();
    long records = (long) threads * rounds * series.length;
    System.out.printf("threads=%d distribution=%s series=%d records=%d ms=%d bytesPerSeries=%d totalMiB=%.2f"
            + " contendedDrops=%d%n",
        threads, distribution, series.length, records, elapsedMs, (after - before) / series.length,
        (after - before) / 1048576.0, telemetry.selfMetrics().contendedDrops());
    java.lang.ref.Reference.reachabilityFence(series);
    telemetry.close();
  }

  private static double[] values(String distribution) {
    Random random = new Random(42);
    double[] values = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = switch (distribution) {
        case "typical" -> Math.exp(Math.log(0.05) + 0.6 * random.nextGaussian());
        case "wide" -> 1e-4 * Math.pow(1e6, random.nextDouble());
        default -> throw new IllegalArgumentException("distribution must be typical or wide, was " + distribution);
      };
    }
    return values;
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50); // let reference processing and concurrent cleanup settle; not synchronisation
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
