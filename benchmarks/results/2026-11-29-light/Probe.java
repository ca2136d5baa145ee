import dev.telemetry.contract.*;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.query.*;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

public class Probe {
  static final Instant HOUR = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(HOUR.plus(Duration.ofMinutes(61)), ZoneOffset.UTC);
  static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();
  public static void main(String[] a) throws Exception {
    int nodes = Integer.parseInt(a[0]);
    String what = a[1];
    int iters = Integer.parseInt(a[2]);
    String prefix = "p" + nodes + "_" + System.nanoTime() % 100000 + "_";
    JdbcStore store = a.length > 3 ? JdbcStore.builder().jdbcUrl(a[3]).tablePrefix(prefix).build()
        : JdbcStore.sqlite(Files.createTempDirectory("probe").resolve("x.db"));
    System.out.println(prefix);
    for (int m = 0; m < 60; m++) for (int n = 0; n < nodes; n++) {
      String node = "node-" + n;
      WriteBatch b = new WriteBatch(node + "-" + m, node, samples(HOUR.plusSeconds(60L*m), node, m*1000L+n), List.of(), List.of(), List.of(), List.of()).withClusterSamples();
      store.write(b);
      if (m == 0 && n == 0) Watermarks.noteClusterRows(store, b);
      if (m == 0 && n == 0 && a.length > 4) try (var c = java.sql.DriverManager.getConnection(a[3]); var st = c.createStatement()) { st.execute("ALTER TABLE " + prefix + "samples_minute SET (fillfactor = " + a[4] + ")"); }
    }
    TrendQuery t24 = TrendQuery.of(StandardMetrics.HTTP_SERVER_DURATION, QueryRange.last(TimeRange.LAST_24_HOURS));
    System.out.println("filled");
    long best = Long.MAX_VALUE;
    for (int i = 0; i < iters; i++) {
      long t = System.nanoTime();
      if (what.equals("trend")) TelemetryQueries.builder(store, CONTRACT, CLOCK, Duration.ofDays(30)).build().trend(t24);
      else if (what.equals("read")) store.readSamples(new SampleQuery(StandardMetrics.HTTP_SERVER_DURATION, Resolution.MINUTE, HOUR.minusSeconds(86400), HOUR.plusSeconds(3600), Map.of(), SampleQuery.CLUSTER));
      else SummaryService.builder(store, CONTRACT, CLOCK, HOUR).node("node-0").build().refresh();
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.println(what + " nodes=" + nodes + " best ms " + best / 1e6);
    store.close();
  }
  static List<MetricSample> samples(Instant minute, String node, long seed) {
    Random random = new Random(seed);
    List<MetricSample> out = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      Map<String, String> labels = Map.of("route", "/r" + s, "method", "GET", "status", "200");
      LatencySketch sketch = new LatencySketch();
      double sum = 0; int count = 5 + random.nextInt(20);
      for (int v = 0; v < count; v++) { double value = (1 + random.nextInt(2000)) / 1024.0; sketch.record(value); sum += value; }
      out.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_DURATION, node, labels, MetricKind.HISTOGRAM, count, sum, sketch.min(), sketch.max(), Double.NaN, sketch));
      out.add(new MetricSample(minute, Resolution.MINUTE, StandardMetrics.HTTP_SERVER_REQUESTS, node, labels, MetricKind.COUNTER, count, count, Double.NaN, Double.NaN, Double.NaN, null));
    }
    return out;
  }
}
