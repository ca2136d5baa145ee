import dev.telemetry.sketch.LatencySketch;
import java.util.*;
public class Micro {
  public static void main(String[] a) {
    for (int values : new int[] {15, 750, 15, 750, 15, 750}) {
      Random r = new Random(1);
      byte[][] rows = new byte[1200][];
      long bytes = 0;
      for (int i = 0; i < rows.length; i++) {
        LatencySketch s = new LatencySketch();
        for (int v = 0; v < values; v++) s.record((1 + r.nextInt(2000)) / 1024.0);
        rows[i] = s.toBytes(); bytes += rows[i].length;
      }
      long bestDecode = Long.MAX_VALUE, bestMerge = Long.MAX_VALUE; long sink = 0;
      LatencySketch[] dec = new LatencySketch[rows.length];
      for (int it = 0; it < 300; it++) {
        long t = System.nanoTime();
        for (int i = 0; i < rows.length; i++) dec[i] = LatencySketch.fromBytes(rows[i]);
        long t2 = System.nanoTime();
        LatencySketch acc = null;
        for (int i = 0; i < rows.length; i++) { if (i % 100 == 0) { if (acc != null) sink += acc.count(); acc = new LatencySketch(); } acc.merge(dec[i]); }
        long t3 = System.nanoTime();
        bestDecode = Math.min(bestDecode, t2 - t); bestMerge = Math.min(bestMerge, t3 - t2);
      }
      System.out.printf("values %d bytes/row %d decode %.2f ms merge %.2f ms%n", values, bytes / rows.length, bestDecode / 1e6, bestMerge / 1e6);
    }
  }
}
