package dev.telemetry.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MEASUREMENT beside {@link JdbcBindingBenchmark}, for a machine whose load swings: runs the
 * benchmark's variants in turn (A, B, C, A, B, C, …) on one set-up, so a load burst hits every
 * variant alike, and reports per variant the median time and the median of its ratio to the
 * store's own path measured in the same round.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.jdbc.JdbcBindingPairs sqlite|postgresql [rounds]
 * </pre>
 */
public final class JdbcBindingPairs {
  private JdbcBindingPairs() {}

  @FunctionalInterface
  private interface Variant {
    void run(JdbcBindingBenchmark b) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    JdbcBindingBenchmark b = new JdbcBindingBenchmark();
    b.dialect = args[0];
    b.rows = 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    b.setUp();
    try {
      compare(b, rounds, "write 1,000 minute rows", List.of("store multi-row VALUES", "JDBC executeBatch",
          "Jdbi PreparedBatch"), List.of(JdbcBindingBenchmark::writeHandWrittenMultiRow,
          JdbcBindingBenchmark::writeJdbcExecuteBatch, JdbcBindingBenchmark::writeJdbiPreparedBatch));
      compare(b, rounds, "read 1,440 trend rows", List.of("store Sql.query", "Jdbi RowMapper"),
          List.of(JdbcBindingBenchmark::readHandWritten, JdbcBindingBenchmark::readJdbiRowMapper));
    } finally {
      b.tearDown();
    }
  }

  private static void compare(JdbcBindingBenchmark b, int rounds, String what, List<String> names,
      List<Variant> variants) throws Exception {
    int n = variants.size();
    List<List<Double>> millis = new ArrayList<>();
    List<List<Double>> ratios = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      millis.add(new ArrayList<>());
      ratios.add(new ArrayList<>());
    }
    for (int round = -rounds / 5; round < rounds; round++) { // the first fifth warms up
      double[] t = new double[n];
      for (int v = 0; v < n; v++) {
        long start = System.nanoTime();
        variants.get(v).run(b);
        t[v] = (System.nanoTime() - start) / 1e6;
      }
      if (round >= 0) {
        for (int v = 0; v < n; v++) {
          millis.get(v).add(t[v]);
          ratios.get(v).add(t[v] / t[0]);
        }
      }
    }
    System.out.printf(Locale.ROOT, "== %s, %s, %d rounds%n", what, b.dialect, rounds);
    for (int v = 0; v < n; v++) {
      System.out.printf(Locale.ROOT, "%-24s median %8.2f ms  p25 %8.2f  p75 %8.2f  median ratio to first %.2f%n",
          names.get(v), quantile(millis.get(v), 0.5), quantile(millis.get(v), 0.25), quantile(millis.get(v), 0.75),
          quantile(ratios.get(v), 0.5));
    }
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
  }
}
