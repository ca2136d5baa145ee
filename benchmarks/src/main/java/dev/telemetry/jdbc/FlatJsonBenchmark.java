package dev.telemetry.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ADR 0045: the store's {@code FlatJson} against Jackson {@code ObjectMapper} on a typical
 * attributes map (six string pairs, one value with a quote and a newline), both writing sorted
 * keys. The Jackson variants use one shared, preconfigured mapper and reader (its fast path).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FlatJsonBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * java -cp benchmarks/target/benchmarks.jar dev.telemetry.jdbc.FlatJsonBenchmark [rounds]
 * </pre>
 * The {@code main} runs the four in turn, 20,000 calls each per round, and prints per variant the
 * median nanoseconds per call and the median ratio to FlatJson in the same round: on a machine
 * whose load swings, a burst then hits both codecs alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class FlatJsonBenchmark {
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
  private final ObjectMapper mapper = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final com.fasterxml.jackson.databind.ObjectReader reader = mapper.readerFor(MAP);
  private final Map<String, String> attrs = Map.of(
      "route", "/api/v1/orders/{id}", "method", "POST", "status", "500", "user.tier", "gold",
      "error.type", "java.lang.IllegalStateException", "detail", "bad \"quantity\"\nretry later");
  private final String json = FlatJson.write(attrs);

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    FlatJsonBenchmark b = new FlatJsonBenchmark();
    List<String> names = List.of("encode FlatJson", "encode Jackson", "decode FlatJson", "decode Jackson");
    List<Callable<Object>> variants = List.of(b::encodeFlatJson, b::encodeJackson, b::decodeFlatJson, b::decodeJackson);
    List<List<Double>> nanos = new ArrayList<>();
    List<List<Double>> ratios = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      nanos.add(new ArrayList<>());
      ratios.add(new ArrayList<>());
    }
    int sink = 0;
    for (int round = -rounds / 5; round < rounds; round++) { // the first fifth warms up
      double[] t = new double[variants.size()];
      for (int v = 0; v < variants.size(); v++) {
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
          sink += variants.get(v).call().hashCode();
        }
        t[v] = (System.nanoTime() - start) / 20_000.0;
      }
      for (int v = 0; round >= 0 && v < variants.size(); v++) {
        nanos.get(v).add(t[v]);
        ratios.get(v).add(t[v] / t[v - v % 2]);
      }
    }
    for (int v = 0; v < variants.size(); v++) {
      System.out.printf(Locale.ROOT, "%-16s median %7.0f ns/call, median ratio to FlatJson %.2f%n", names.get(v),
          median(nanos.get(v)), median(ratios.get(v)));
    }
    System.out.println("(sink " + sink + ")");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  @Benchmark
  public String encodeFlatJson() {
    return FlatJson.write(attrs);
  }

  @Benchmark
  public String encodeJackson() throws JsonProcessingException {
    return mapper.writeValueAsString(attrs);
  }

  @Benchmark
  public Map<String, String> decodeFlatJson() {
    return FlatJson.read(json);
  }

  @Benchmark
  public Map<String, String> decodeJackson() throws JsonProcessingException {
    return reader.readValue(json);
  }
}
