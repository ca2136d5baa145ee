package dev.telemetry.query;

import static dev.telemetry.query.QueryFixtures.LATENCY;
import static dev.telemetry.query.QueryFixtures.NOW;
import static dev.telemetry.query.QueryFixtures.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.rollup.RollupJob;
import dev.telemetry.rollup.RollupJob.RebuildReport;
import dev.telemetry.rollup.RollupJob.RollupReport;
import dev.telemetry.rollup.Watermarks;
import dev.telemetry.sketch.LatencySketch;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RollupJobTest {
  private static final Map<String, String> HOME = Map.of("route", "/home", "method", "GET", "status", "200");
  private final QueryFixtures f = new QueryFixtures();
  private final Instant start = NOW.minus(Duration.ofHours(30));

  @Test
  void rolledUpQuantilesEqualTheQuantilesOfTheMergedMinuteSketches() {
    Random random = new Random(7);
    LatencySketch expected = new LatencySketch();
    Instant hour = Resolution.HOUR.bucketStart(start).plus(Duration.ofHours(1));
    for (int m = 0; m < 60; m++) {
      double[] values = random.doubles(50, 0.01, 2).toArray();
      MetricSample s = QueryFixtures.minuteLatency(hour.plus(Duration.ofMinutes(m)), "a", HOME, values);
      expected.merge(s.sketch());
      f.write(s);
    }
    f.rollups().runOnce();

    List<MetricSample> rolled = f.store.readSamples(SampleQuery.of(LATENCY, Resolution.HOUR, hour,
        hour.plus(Duration.ofHours(1))));
    assertThat(rolled).hasSize(1);
    MetricSample h = rolled.get(0);
    assertThat(h.count()).isEqualTo(3000);
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      assertThat(h.quantile(q)).isEqualTo(expected.quantile(q));
    }
    assertThat(h.min()).isEqualTo(expected.min());
    assertThat(h.max()).isEqualTo(expected.max());
  }

  @Test
  void countersSumPerSeriesAndDaysSumHours() {
    Instant day = Resolution.DAY.bucketStart(NOW.minus(Duration.ofDays(2)));
    f.clock.set(day);
    List<MetricSample> samples = new ArrayList<>();
    for (int m = 0; m < 24 * 60; m += 10) {
      samples.add(QueryFixtures.counter(REQUESTS, day.plus(Duration.ofMinutes(m)), Resolution.MINUTE, "a", HOME, 3));
      samples.add(QueryFixtures.counter(REQUESTS, day.plus(Duration.ofMinutes(m)), Resolution.MINUTE, "b", HOME, 1));
    }
    f.write(samples);
    f.clock.set(day.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
    RollupJob job = RollupJob.builder(f.store, f.contract, f.clock).initialLookback(Duration.ofDays(1),
        Duration.ofDays(1)).build();
    RollupReport report = job.runOnce();

    assertThat(report.hoursRolled()).isEqualTo(24);
    assertThat(report.daysRolled()).isEqualTo(1);
    List<MetricSample> hours = f.store.readSamples(new SampleQuery(REQUESTS, Resolution.HOUR, day,
        day.plus(Duration.ofDays(1)), Map.of(), "a"));
    assertThat(hours).hasSize(24).allSatisfy(h -> assertThat(h.sum()).isEqualTo(18));
    List<MetricSample> days = f.store.readSamples(SampleQuery.of(REQUESTS, Resolution.DAY, day,
        day.plus(Duration.ofDays(1))));
    assertThat(days).extracting(MetricSample::node, MetricSample::sum)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 432.0),
            org.assertj.core.groups.Tuple.tuple("b", 144.0));
  }

  @Test
  void runningTwiceGivesTheSameRowsAsRunningOnce() {
    writeMinutes(start, 6 * 60);
    f.rollups().runOnce();
    List<String> once = snapshot(Resolution.HOUR);
    f.store.writeWatermark(Watermarks.HOUR, Resolution.HOUR.bucketStart(start));
    f.rollups().runOnce();
    assertThat(snapshot(Resolution.HOUR)).isNotEmpty().isEqualTo(once);
  }

  @Test
  void aNewInstanceResumesFromTheWatermark() {
    writeMinutes(start, 30 * 60);
    RollupJob first = RollupJob.builder(f.store, f.contract, f.clock).maxBucketsPerRun(5).build();
    RollupReport r1 = first.runOnce();
    assertThat(r1.hoursRolled()).isEqualTo(5);
    assertThat(r1.caughtUp()).isFalse();
    Instant afterFirst = f.store.readWatermark(Watermarks.HOUR).orElseThrow();

    RollupJob restarted = RollupJob.builder(f.store, f.contract, f.clock).maxBucketsPerRun(5).build();
    RollupReport r2 = restarted.runOnce();
    assertThat(r2.hoursRolled()).isEqualTo(5);
    assertThat(f.store.readWatermark(Watermarks.HOUR)).contains(afterFirst.plus(Duration.ofHours(5)));
  }

  @Test
  void leavesTheCurrentHourAndTheGracePeriodAlone() {
    f.clock.set(Resolution.HOUR.bucketStart(NOW).plus(Duration.ofMinutes(1)));
    writeMinutes(f.clock.instant().minus(Duration.ofHours(3)), 180);
    f.rollups().runOnce();
    // the hour that ended a minute ago is still within the 2-minute grace
    assertThat(f.store.readWatermark(Watermarks.HOUR)).contains(Resolution.HOUR.bucketStart(NOW)
        .minus(Duration.ofHours(1)));
    f.clock.advance(Duration.ofMinutes(2));
    f.rollups().runOnce();
    assertThat(f.store.readWatermark(Watermarks.HOUR)).contains(Resolution.HOUR.bucketStart(NOW));
  }

  @Test
  void rejectsSettingsOutOfBoundsNamingThem() {
    RollupJob.Builder b = RollupJob.builder(f.store, f.contract, f.clock);
    assertThatThrownBy(() -> b.maxBucketsPerRun(0)).hasMessageContaining("maxBucketsPerRun");
    assertThatThrownBy(() -> b.maxRepairsPerRun(10_001)).hasMessageContaining("maxRepairsPerRun");
    assertThatThrownBy(() -> b.grace(Duration.ofHours(2))).hasMessageContaining("grace");
  }

  @Test
  void repairsAtMostMaxRepairsPerRunDirtyHoursAndSaysWhenItHasNotCaughtUp() {
    writeMinutes(start, 10 * 60);
    RollupJob job = RollupJob.builder(f.store, f.contract, f.clock).maxRepairsPerRun(2).build();
    job.runOnce();
    Instant firstHour = Resolution.HOUR.bucketStart(start).plus(Duration.ofHours(1));
    for (int h = 0; h < 5; h++) {
      f.write(QueryFixtures.counter(REQUESTS, firstHour.plus(Duration.ofHours(h)), Resolution.MINUTE, "late", HOME, 7));
    }

    List<RollupReport> runs = List.of(job.runOnce(), job.runOnce(), job.runOnce());

    assertThat(runs).extracting(RollupReport::hoursRepaired).containsExactly(2, 2, 1);
    assertThat(runs).extracting(RollupReport::caughtUp).containsExactly(false, false, true);
    assertThat(runs).extracting(RollupReport::daysRepaired).containsExactly(1, 1, 1); // their day, after each
    assertThat(f.store.readSamples(new SampleQuery(REQUESTS, Resolution.HOUR, firstHour,
        firstHour.plus(Duration.ofHours(5)), Map.of(), "late"))).hasSize(5).allSatisfy(h -> assertThat(h.sum())
        .isEqualTo(7));
  }

  @Test
  void dropsMarksOfHoursWhoseMinutesMayBeGoneAndCountsThem() {
    writeMinutes(start, 60);
    f.rollups().runOnce();
    Instant tooOld = Resolution.HOUR.bucketStart(NOW.minus(Duration.ofHours(47)).minus(Duration.ofMinutes(30)));
    f.write(QueryFixtures.counter(REQUESTS, tooOld.plus(Duration.ofMinutes(50)), Resolution.MINUTE, "late", HOME, 7));

    RollupReport report = f.rollups().runOnce();

    assertThat(report.marksDropped()).isEqualTo(1);
    assertThat(report.hoursRepaired()).isZero();
    assertThat(f.store.readDirtyBuckets(Resolution.HOUR, Instant.EPOCH, NOW, 10)).isEmpty();
    assertThat(f.store.readSamples(SampleQuery.of(REQUESTS, Resolution.HOUR, tooOld, tooOld.plus(Duration.ofHours(1)))))
        .isEmpty();
  }

  @Test
  void rebuildRejectsRangesItCannotRecomputeNamingTheBound() {
    RollupJob job = f.rollups();
    Instant hourAgo = NOW.minus(Duration.ofHours(1));
    assertThat(job.rebuild(NOW.minus(Duration.ofHours(47)), NOW).complete()).isTrue();
    assertThatThrownBy(() -> job.rebuild(hourAgo, hourAgo)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> job.rebuild(hourAgo, NOW.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> job.rebuild(NOW.minus(Duration.ofHours(47)).minusSeconds(1), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minute samples kept (PT48H)");
    RollupJob longLookback = RollupJob.builder(f.store, f.contract, f.clock)
        .initialLookback(Duration.ofDays(30), Duration.ofDays(30)).build();
    assertThatThrownBy(() -> longLookback.rebuild(NOW.minus(Duration.ofDays(8)), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than PT168H");
    assertThat(longLookback.rebuild(NOW.minus(Duration.ofDays(7)), NOW).complete()).isTrue();
  }

  @Test
  void rebuildLeavesHoursTheJobHasNotRolledUpYetToTheJob() {
    writeMinutes(start, 6 * 60);
    RebuildReport beforeAnyRollup = f.rollups().rebuild(start, start.plus(Duration.ofHours(6)));
    assertThat(beforeAnyRollup.hoursRebuilt()).isZero();
    assertThat(snapshot(Resolution.HOUR)).isEmpty();

    f.rollups().runOnce();
    RebuildReport after = f.rollups().rebuild(start, start.plus(Duration.ofHours(6)));
    assertThat(after.hoursRebuilt()).isEqualTo(6);
    assertThat(after.from()).isEqualTo(Resolution.HOUR.bucketStart(start));
  }

  private void writeMinutes(Instant from, int minutes) {
    Random random = new Random(3);
    List<MetricSample> samples = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      Instant t = from.plus(Duration.ofMinutes(m));
      for (String node : List.of("a", "b")) {
        samples.add(QueryFixtures.minuteLatency(t, node, HOME, random.doubles(5, 0.01, 1).toArray()));
        samples.add(QueryFixtures.counter(REQUESTS, t, Resolution.MINUTE, node, HOME, 5));
      }
    }
    f.write(samples);
  }

  private List<String> snapshot(Resolution resolution) {
    List<MetricSample> all = new ArrayList<>();
    for (String metric : List.of(LATENCY, REQUESTS)) {
      all.addAll(f.store.readSamples(SampleQuery.of(metric, resolution, Instant.EPOCH, NOW.plus(Duration.ofDays(1)))));
    }
    return all.stream()
        .sorted(Comparator.comparing(MetricSample::bucketStart).thenComparing(MetricSample::metric)
            .thenComparing(MetricSample::node))
        .map(s -> s.bucketStart() + " " + s.metric() + " " + s.node() + " " + s.count() + " " + s.sum() + " "
            + s.quantile(0.95))
        .collect(Collectors.toList());
  }
}
