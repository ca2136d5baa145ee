package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Quantile estimates against exact quantiles of sorted data, nearest-rank convention
 * (rank {@code max(1, ceil(q·n))}), the same convention {@link LatencySketch#quantile} documents.
 */
class LatencySketchAccuracyTest {

    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};
    /** The layout's bound (γ-1)/(γ+1) with γ = 2^(1/64) is 0.5415 %; the contract is 1%. */
    private static final double TOLERANCE = 0.0055;
    private static final int SAMPLES = 100_000;

    @ParameterizedTest
    @EnumSource(Distributions.class)
    void estimatesEveryQuantileWithinTheRelativeErrorBound(Distributions distribution) {
        double[] values = distribution.sample(SAMPLES, 42);
        LatencySketch sketch = new LatencySketch();
        for (double value : values) {
            assertThat(sketch.record(value)).isTrue();
        }

        assertQuantilesMatch(sketch, values);
        assertThat(sketch.count()).isEqualTo(SAMPLES);
    }

    @ParameterizedTest
    @EnumSource(Distributions.class)
    void keepsTheBoundAfterMerging60MinutesFrom4Nodes(Distributions distribution) {
        double[] values = distribution.sample(SAMPLES, 7);
        int minutes = 60;
        int nodes = 4;
        LatencySketch[] partials = new LatencySketch[minutes * nodes];
        for (int i = 0; i < partials.length; i++) {
            partials[i] = new LatencySketch();
        }
        for (int i = 0; i < values.length; i++) {
            partials[i % partials.length].record(values[i]);
        }
        LatencySketch[] perNode = new LatencySketch[nodes];
        for (int node = 0; node < nodes; node++) {
            perNode[node] = new LatencySketch();
            for (int minute = 0; minute < minutes; minute++) {
                perNode[node].merge(partials[minute * nodes + node]);
            }
        }
        LatencySketch merged = new LatencySketch();
        for (LatencySketch node : perNode) {
            merged.merge(node);
        }

        assertThat(merged.count()).isEqualTo(SAMPLES);
        assertThat(merged.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
        assertThat(merged.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
        assertQuantilesMatch(merged, values);
        LatencySketch direct = new LatencySketch();
        Arrays.stream(values).forEach(direct::record);
        for (double q : QUANTILES) {
            assertThat(merged.quantile(q)).as("merged vs direct p%s", q).isEqualTo(direct.quantile(q));
        }
    }

    @Test
    void tracksValuesFromOneNanosecondToATrillionSeconds() {
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[SAMPLES];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.pow(10, -9 + 21 * random.nextDouble());
        }
        values[0] = 1e-9;
        values[1] = 1e12;
        LatencySketch sketch = new LatencySketch();
        Arrays.stream(values).forEach(sketch::record);

        assertQuantilesMatch(sketch, values);
        for (double q : new double[] {0.0, 0.001, 0.01, 0.1}) {
            double exact = ExactBuckets.nearestRank(sorted(values), q);
            assertThat(ExactBuckets.relativeError(sketch.quantile(q), exact)).as("q=%s", q).isLessThanOrEqualTo(TOLERANCE);
        }
        assertThat(sketch.quantile(0)).isEqualTo(1e-9);
        assertThat(sketch.quantile(1)).isEqualTo(1e12);
    }

    @Test
    void estimatesSingleValuesExactlyThroughClamping() {
        LatencySketch sketch = new LatencySketch();
        sketch.record(0.123);

        assertThat(sketch.quantile(0.5)).isEqualTo(0.123);
        assertThat(sketch.quantile(0.99)).isEqualTo(0.123);
    }

    @Test
    void countsZeroAndValuesBelowOneNanosecondInTheZeroBucket() {
        LatencySketch sketch = new LatencySketch();
        sketch.record(0.0);
        sketch.record(5e-10);
        sketch.record(Double.MIN_VALUE);
        sketch.record(1.0);

        assertThat(sketch.count()).isEqualTo(4);
        assertThat(sketch.zeroCount()).isEqualTo(3);
        assertThat(sketch.quantile(0.75)).isEqualTo(0.0);
        assertThat(sketch.quantile(1.0)).isEqualTo(1.0);
    }

    @Test
    void collapsesTheLowestBucketsPastTheCapKeepingHighQuantiles() {
        LatencySketch sketch = new LatencySketch();
        double[] values = {1e-9, 2e-9, 1e30, 1e31, 1e32, 1e33};
        Arrays.stream(values).forEach(sketch::record);

        // 1e-9 .. 1e33 spans 139 octaves, more than the 128 kept: the two smallest fold upwards.
        assertThat(sketch.count()).isEqualTo(values.length);
        assertThat(sketch.quantile(1.0)).isEqualTo(1e33);
        assertThat(ExactBuckets.relativeError(sketch.quantile(0.5), 1e30)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(sketch.quantile(0.3)).as("rank 2 (2e-9) now reads as the lowest kept bucket").isGreaterThan(1e-6);
        int[] buckets = {0};
        sketch.forEachBucket((index, count) -> buckets[0]++);
        assertThat(buckets[0]).isLessThanOrEqualTo(5);
    }

    private static void assertQuantilesMatch(LatencySketch sketch, double[] values) {
        double[] sorted = sorted(values);
        for (double q : QUANTILES) {
            double exact = ExactBuckets.nearestRank(sorted, q);
            assertThat(ExactBuckets.relativeError(sketch.quantile(q), exact))
                    .as("relative error at q=%s (exact %s, estimate %s)", q, exact, sketch.quantile(q))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static double[] sorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
