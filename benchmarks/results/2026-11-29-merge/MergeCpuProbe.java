import dev.telemetry.sketch.LatencySketch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thread CPU time per LatencySketch.merge (and decode) for four shapes, minimum and median over ROUNDS:
 *  bench:   SketchBenchmark.mergeLatencySketch's (10,000 lognormal values into a running total
 *           that started as a copy of it; 1,000 merges a round)
 *  wide:    mergeWideLatencySketch's (10,000 log-uniform values, 100 µs–100 s)
 *  trend8:  MergeProbe's 1,440 sketches of 8 values (1–20 each) into a fresh total (a 24 h chart)
 *  trend200: MergeProbe's 1,440 sketches of 200 values into a fresh total
 *  decode200 / decode+merge200: the 1,440 trend200 sketches decoded from bytes, then merged
 * java -cp benchmarks.jar MergeCpuProbe.java [ROUNDS]
 */
public class MergeCpuProbe {
  static double[] lognormal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      v[i] = 0.050 * Math.exp(0.6 * g);
    }
    return v;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    LatencySketch part = new LatencySketch();
    for (double v : lognormal(10_000, 7)) part.record(v);
    LatencySketch widePart = new LatencySketch();
    SplittableRandom wr = new SplittableRandom(8);
    for (int i = 0; i < 10_000; i++) widePart.record(1e-4 * Math.pow(1e6, wr.nextDouble()));
    LatencySketch benchTotal = part.copy();
    LatencySketch wideTotal = widePart.copy();

    SplittableRandom random = new SplittableRandom(1);
    LatencySketch[][] sets = new LatencySketch[2][1440];
    byte[][] encoded = new byte[1440][];
    for (int i = 0; i < 1440; i++) {
      LatencySketch narrow = new LatencySketch();
      double base = 0.01 * (1 + i % 10);
      for (int v = 0; v < 8; v++) narrow.record(base * (1 + random.nextDouble()), 1 + random.nextInt(20));
      sets[0][i] = narrow;
      LatencySketch wide = new LatencySketch();
      for (int v = 0; v < 200; v++) wide.record((1 + random.nextInt(2000)) / 1024.0);
      sets[1][i] = wide;
      encoded[i] = wide.toBytes();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"bench", "wide", "trend8", "trend200", "decode200", "decode+merge200"};
    double[][] ns = new double[names.length][rounds];
    long sink = 0;
    LatencySketch[] decoded = new LatencySketch[1440];
    for (int r = 0; r < rounds + 100; r++) {
      for (int s = 0; s < names.length; s++) {
        long c = mx.getCurrentThreadCpuTime();
        int ops;
        if (s == 0 || s == 1) {
          LatencySketch total = s == 0 ? benchTotal : wideTotal;
          LatencySketch p = s == 0 ? part : widePart;
          for (int i = 0; i < 1000; i++) total.merge(p);
          ops = 1000;
          sink += total.count();
        } else if (s == 2 || s == 3) {
          LatencySketch total = new LatencySketch();
          for (LatencySketch x : sets[s - 2]) total.merge(x);
          ops = 1440;
          sink += total.count();
        } else if (s == 4) {
          for (int i = 0; i < 1440; i++) decoded[i] = LatencySketch.fromBytes(encoded[i]);
          ops = 1440;
          sink += decoded[7].count();
        } else {
          LatencySketch total = new LatencySketch();
          for (int i = 0; i < 1440; i++) total.merge(LatencySketch.fromBytes(encoded[i]));
          ops = 1440;
          sink += total.count();
        }
        long spent = mx.getCurrentThreadCpuTime() - c;
        if (r >= 100) ns[s][r - 100] = spent / (double) ops;
      }
    }
    for (int s = 0; s < names.length; s++) {
      Arrays.sort(ns[s]);
      System.out.printf("%-16s min %8.0f  median %8.0f ns per op%n", names[s], ns[s][0], ns[s][rounds / 2]);
    }
    System.out.println("bench total width " + "n/a" + ", sink " + sink);
  }
}
