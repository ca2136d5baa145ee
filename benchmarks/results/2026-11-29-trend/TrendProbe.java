import dev.telemetry.benchmarks.query.QueryBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * QueryBenchmark's data set and queries, timed per call: wall and thread CPU time, minimum and
 * median over ROUNDS calls after WARMUP calls, 24 h and 30 d alternately.
 * java -cp benchmarks.jar TrendProbe.java STORE [ROUNDS]
 */
public class TrendProbe {
  public static void main(String[] args) {
    QueryBenchmark b = new QueryBenchmark();
    b.store = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long t0 = System.nanoTime();
    b.setUp();
    System.out.printf("setup %.1f s%n", (System.nanoTime() - t0) / 1e9);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try {
      for (int i = 0; i < 50; i++) {
        b.trends24h();
        b.trends30d();
      }
      double[][] wall = new double[2][rounds];
      double[][] cpu = new double[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int q = 0; q < 2; q++) {
          long c = mx.getCurrentThreadCpuTime();
          long w = System.nanoTime();
          Object o = q == 0 ? b.trends24h() : b.trends30d();
          wall[q][r] = (System.nanoTime() - w) / 1e6;
          cpu[q][r] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
          if (o == null) throw new AssertionError();
        }
      }
      String[] names = {"trends24h", "trends30d"};
      for (int q = 0; q < 2; q++) {
        Arrays.sort(wall[q]);
        Arrays.sort(cpu[q]);
        System.out.printf("%s %s wall min %.2f median %.2f ms | cpu min %.2f median %.2f ms (%d calls)%n", args[0],
            names[q], wall[q][0], wall[q][rounds / 2], cpu[q][0], cpu[q][rounds / 2], rounds);
      }
    } finally {
      b.tearDown();
    }
  }
}
