package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

    @Test
    void rejectsNanInfiniteAndNegativeValuesWithoutRecording() {
        LatencySketch sketch = new LatencySketch();

        assertThat(sketch.record(Double.NaN)).isFalse();
        assertThat(sketch.record(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(sketch.record(Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(sketch.record(-0.001)).isFalse();
        assertThat(sketch.record(1.0, 0)).isFalse();
        assertThat(sketch.record(Double.NaN, 5)).isFalse();

        assertThat(sketch.isEmpty()).isTrue();
        assertThat(sketch.count()).isZero();
        assertThat(sketch.sum()).isZero();
        assertThat(sketch.quantile(0.5)).isNaN();
        assertThat(sketch.mean()).isNaN();
    }

    @Test
    void keepsExactCountSumMinMaxAndMean() {
        LatencySketch sketch = new LatencySketch();
        sketch.record(0.25);
        sketch.record(0.5, 3);
        sketch.record(2.0);

        assertThat(sketch.count()).isEqualTo(5);
        assertThat(sketch.sum()).isEqualTo(3.75);
        assertThat(sketch.min()).isEqualTo(0.25);
        assertThat(sketch.max()).isEqualTo(2.0);
        assertThat(sketch.mean()).isEqualTo(0.75);
        assertThat(sketch.quantile(0.5)).isCloseTo(0.5, org.assertj.core.data.Percentage.withPercentage(0.55));
    }

    @Test
    void rejectsQuantilesOutsideZeroToOne() {
        LatencySketch sketch = new LatencySketch();
        sketch.record(1);

        assertThatThrownBy(() -> sketch.quantile(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> sketch.quantile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergeIsCommutativeAndAssociativeOnCounts() {
        LatencySketch a = sketchOf(Distributions.LOGNORMAL.sample(5_000, 1));
        LatencySketch b = sketchOf(Distributions.PARETO.sample(5_000, 2));
        LatencySketch c = sketchOf(Distributions.BIMODAL.sample(5_000, 3));

        LatencySketch ab = a.copy();
        ab.merge(b);
        LatencySketch ba = b.copy();
        ba.merge(a);
        LatencySketch abThenC = ab.copy();
        abThenC.merge(c);
        LatencySketch bc = b.copy();
        bc.merge(c);
        LatencySketch aThenBc = a.copy();
        aThenBc.merge(bc);

        assertThat(buckets(ab)).isEqualTo(buckets(ba));
        assertThat(buckets(abThenC)).isEqualTo(buckets(aThenBc));
        assertThat(abThenC.count()).isEqualTo(15_000).isEqualTo(aThenBc.count());
        assertThat(abThenC.min()).isEqualTo(aThenBc.min());
        assertThat(abThenC.max()).isEqualTo(aThenBc.max());
    }

    @Test
    void mergingIntoAnEmptySketchReproducesTheSource() {
        LatencySketch source = sketchOf(Distributions.UNIFORM.sample(1_000, 4));
        LatencySketch target = new LatencySketch();

        target.merge(source);

        assertThat(target.toBytes()).isEqualTo(source.toBytes());
    }

    @Test
    void mergingASketchWithItselfDoublesEveryCount() {
        LatencySketch sketch = sketchOf(new double[] {0.1, 0.2, 0.0});

        sketch.merge(sketch);

        assertThat(sketch.count()).isEqualTo(6);
        assertThat(buckets(sketch)).containsExactly(List.of((long) LatencySketch.indexOf(0.1), 2L), List.of((long) LatencySketch.indexOf(0.2), 2L));
        assertThat(sketch.zeroCount()).isEqualTo(2);
    }

    @Test
    void clearThenReuseBehavesLikeANewSketch() {
        LatencySketch reused = sketchOf(Distributions.PARETO.sample(10_000, 5));
        reused.clear();

        assertThat(reused.isEmpty()).isTrue();
        assertThat(reused.min()).isNaN();
        assertThat(buckets(reused)).isEmpty();

        double[] next = Distributions.LOGNORMAL.sample(10_000, 6);
        Arrays.stream(next).forEach(reused::record);
        assertThat(reused.toBytes()).isEqualTo(sketchOf(next).toBytes());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        LatencySketch original = sketchOf(new double[] {1, 2, 3});
        LatencySketch copy = original.copy();

        copy.record(100);

        assertThat(original.count()).isEqualTo(3);
        assertThat(original.max()).isEqualTo(3);
        assertThat(copy.count()).isEqualTo(4);
    }

    @Test
    void recordsWithoutAllocatingOnceTheWindowCoversTheValues() {
        double[] values = Distributions.LOGNORMAL.sample(100_000, 8);
        LatencySketch sketch = sketchOf(values);
        sketch.clear();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 10; round++) {
            for (double value : values) {
                sketch.record(value);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sketch.count()).isEqualTo(1_000_000);
        // One allocation per record would be >= 16 MB; allow for the measurement's own noise.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void allocatesNoBucketsUntilTheFirstRecord() {
        LatencySketch empty = new LatencySketch();

        assertThat(empty.toBytes()).hasSize(34);
        assertThat(buckets(empty)).isEmpty();
    }

    @Test
    void describesItselfWithCountAndQuantiles() {
        assertThat(sketchOf(new double[] {0.5})).hasToString("LatencySketch{count=1, min=0.5, max=0.5, p50=0.5, p99=0.5}");
    }

    private static LatencySketch sketchOf(double[] values) {
        LatencySketch sketch = new LatencySketch();
        Arrays.stream(values).forEach(sketch::record);
        return sketch;
    }

    /** The non-empty buckets as (index, count) pairs in ascending order. */
    static List<List<Long>> buckets(LatencySketch sketch) {
        List<List<Long>> buckets = new ArrayList<>();
        sketch.forEachBucket((index, count) -> buckets.add(List.of((long) index, count)));
        return buckets;
    }
}
