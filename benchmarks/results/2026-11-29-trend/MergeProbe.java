import dev.telemetry.sketch.LatencySketch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thread CPU time of LatencySketch.merge: 1,440 sketches merged into a fresh one (a 24 h chart's
 * minutes of one label set), for QueryBenchmark's sketches (8 values of 1–20 each, one decade) and
 * HistoryScaleMeasurement's (200 values of 1/1024 to 2 s); minimum and median per merge over ROUNDS.
 * java -cp benchmarks.jar MergeProbe.java [ROUNDS]
 */
public class MergeProbe {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    SplittableRandom random = new SplittableRandom(1);
    LatencySketch[][] sets = new LatencySketch[2][1440];
    for (int i = 0; i < 1440; i++) {
      LatencySketch narrow = new LatencySketch();
      double base = 0.01 * (1 + i % 10);
      for (int v = 0; v < 8; v++) {
        narrow.record(base * (1 + random.nextDouble()), 1 + random.nextInt(20));
      }
      sets[0][i] = narrow;
      LatencySketch wide = new LatencySketch();
      for (int v = 0; v < 200; v++) {
        wide.record((1 + random.nextInt(2000)) / 1024.0);
      }
      sets[1][i] = wide;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"bench sketches (8 values)", "history sketches (200 values)"};
    double[][] ns = new double[2][rounds];
    long sink = 0;
    for (int r = 0; r < rounds + 100; r++) {
      for (int s = 0; s < 2; s++) {
        long c = mx.getCurrentThreadCpuTime();
        LatencySketch total = new LatencySketch();
        for (LatencySketch x : sets[s]) {
          total.merge(x);
        }
        long spent = mx.getCurrentThreadCpuTime() - c;
        sink += total.count();
        if (r >= 100) {
          ns[s][r - 100] = spent / 1440.0;
        }
      }
    }
    for (int s = 0; s < 2; s++) {
      Arrays.sort(ns[s]);
      System.out.printf("merge, %s: min %.0f median %.0f ns per merge (%d rounds of 1,440)%n", names[s], ns[s][0],
          ns[s][rounds / 2], rounds);
    }
    System.out.println("sink " + sink);
  }
}
