package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.RouteTemplates;
import dev.telemetry.redaction.RedactionPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The labelled lookup ({@link SeriesTable#find}: cached value hashes, reference then character
 * comparison, templating and capping only after a miss) picks the series the canonical slow path
 * ({@link SeriesTable#findAll}) picks, whatever the pair order and whether the caller passes the
 * stored instances or equal copies; and {@link LabelHash} spreads label sets of short values.
 */
class SeriesLookupProperties {
  private static final String[] KEYS = {"route", "method", "status", "region"};
  private static final int CAP = 8;

  @Property(tries = 300)
  void findPicksTheSeriesTheCanonicalPathPicks(
      @ForAll @Size(min = 1, max = 40) List<@Size(max = 4) List<
          @StringLength(max = 12) @CharRange(from = 'a', to = 'c') @CharRange(from = '/', to = '1') String>> sets,
      @ForAll @IntRange(min = 1, max = 4) int firstKey,
      @ForAll long seed) {
    SeriesTable table = table();
    Random random = new Random(seed);
    List<Series> found = new ArrayList<>();
    for (List<String> values : sets) {
      // Pairs from the given values, the keys rotated so sets differ in which labels they carry.
      List<String[]> pairs = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        pairs.add(new String[] {KEYS[(firstKey + i) % KEYS.length], values.get(i)});
      }
      String[] canonicalOrder = new String[2 * pairs.size()];
      for (int i = 0; i < pairs.size(); i++) {
        canonicalOrder[2 * i] = pairs.get(i)[0];
        canonicalOrder[2 * i + 1] = pairs.get(i)[1];
      }
      Series canonical = table.findAll(canonicalOrder);

      Collections.shuffle(pairs, random);
      String[] sameInstances = new String[8];
      String[] copies = new String[8];
      for (int i = 0; i < pairs.size(); i++) {
        sameInstances[2 * i] = pairs.get(i)[0];
        sameInstances[2 * i + 1] = pairs.get(i)[1];
        copies[2 * i] = new String(pairs.get(i)[0]);
        copies[2 * i + 1] = new String(pairs.get(i)[1]);
      }
      assertThat(find(table, sameInstances)).isSameAs(canonical);
      assertThat(find(table, copies)).isSameAs(canonical);
      assertThat(find(table, copies)).isSameAs(canonical);
      found.add(canonical);
    }
    // One series per distinct canonical label set, never two.
    for (Series a : found) {
      for (Series b : found) {
        assertThat(a.labels().equals(b.labels())).isEqualTo(a == b);
      }
    }
    assertThat(table.size()).isEqualTo(new HashSet<>(found).size());
  }

  @Test
  void labelSetsOfShortValuesDoNotCollideOnTheWholeHash() {
    // Three labels of one letter each, and four labels of two characters: short values whose
    // String hashes differ by small amounts, where a hash linear in them collides.
    Set<Integer> three = new HashSet<>();
    for (char x = 'a'; x < 'k'; x++) {
      for (char y = 'a'; y < 'k'; y++) {
        for (char z = 'a'; z < 'k'; z++) {
          three.add(hash("" + x, "" + y, "" + z));
        }
      }
    }
    assertThat(three).hasSize(1000);
    Set<Integer> four = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 6; k++) {
          for (int l = 0; l < 6; l++) {
            four.add(hash("v" + i, "v" + j, "v" + k, "v" + l));
          }
        }
      }
    }
    assertThat(four).hasSize(6 * 6 * 6 * 6);
  }

  private static int hash(String... values) {
    int sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += LabelHash.pair(i, values[i], CAP);
    }
    return LabelHash.finish(sum, values.length);
  }

  private static Series find(SeriesTable table, String[] kv) {
    return table.find(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7]);
  }

  private static SeriesTable table() {
    MetricContract contract = MetricContract.builder()
        .histogram("lookup_seconds", m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY)
            .labels(KEYS).maxLabelValueLength(CAP).cardinalityBudget(10_000))
        .build();
    MetricDefinition definition = contract.definitions().get(0);
    assertThat(definition.routeLabel()).isEqualTo("route");
    return new SeriesTable(definition, RouteTemplates.defaults(), RedactionPolicy.defaults(), new RecordStats(), 4);
  }
}
