package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HistogramConversionsTest {

    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 12, 20})
    void convertsOpenTelemetryHistogramsAtScaleSixOrFinerWithoutLoss(int scale) {
        double[] values = Distributions.LOGNORMAL.sample(20_000, 21);
        OtelHistogram otel = OtelHistogram.of(scale, values);
        LatencySketch direct = new LatencySketch();
        Arrays.stream(values).forEach(direct::record);

        LatencySketch converted = LatencySketch.fromExponentialHistogram(
                scale, otel.offset, otel.counts, 0, otel.sum, otel.min, otel.max);

        assertThat(LatencySketchTest.buckets(converted)).isEqualTo(LatencySketchTest.buckets(direct));
        assertThat(converted.count()).isEqualTo(direct.count());
        assertThat(converted.min()).isEqualTo(direct.min());
        assertThat(converted.max()).isEqualTo(direct.max());
        for (double q : QUANTILES) {
            assertThat(converted.quantile(q)).as("q=%s", q).isEqualTo(direct.quantile(q));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void convertsCoarserHistogramsWithinTheDocumentedBound(int scale) {
        double[] values = Distributions.BIMODAL.sample(20_000, 22);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        OtelHistogram otel = OtelHistogram.of(scale, values);

        LatencySketch converted = LatencySketch.fromExponentialHistogram(
                scale, otel.offset, otel.counts, 0, otel.sum, otel.min, otel.max);

        double growth = Math.pow(2, Math.pow(2, -scale));
        double bound = (1 + (growth - 1) / (growth + 1)) * (1 + ExponentialBuckets.RELATIVE_ERROR) - 1;
        assertThat(converted.count()).isEqualTo(values.length);
        for (double q : QUANTILES) {
            double exact = ExactBuckets.nearestRank(sorted, q);
            assertThat(ExactBuckets.relativeError(converted.quantile(q), exact)).as("scale %d q=%s", scale, q)
                    .isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void keepsZeroCountAndExactSummaryFromTheSource() {
        LatencySketch converted = LatencySketch.fromExponentialHistogram(6, LatencySketch.indexOf(0.1), new long[] {3, 0, 2}, 4, 1.23, 0.0, 0.2);

        assertThat(converted.count()).isEqualTo(9);
        assertThat(converted.zeroCount()).isEqualTo(4);
        assertThat(converted.sum()).isEqualTo(1.23);
        assertThat(converted.min()).isEqualTo(0.0);
        assertThat(converted.max()).isEqualTo(0.2);
        assertThat(converted.quantile(0.5)).isCloseTo(0.1, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void approximatesSummaryFromBucketBoundsWhenUnknown() {
        LatencySketch sketch = new LatencySketch();
        int index = LatencySketch.indexOf(0.5);

        sketch.recordBucket(index, 10);

        assertThat(sketch.count()).isEqualTo(10);
        assertThat(sketch.min()).isEqualTo(LatencySketch.lowerBoundary(index));
        assertThat(sketch.max()).isEqualTo(LatencySketch.upperBoundary(index));
        assertThat(sketch.mean()).isBetween(LatencySketch.lowerBoundary(index), LatencySketch.upperBoundary(index));
    }

    @Test
    void rejectsInvalidExponentialInput() {
        assertThatThrownBy(() -> LatencySketch.fromExponentialHistogram(21, 0, new long[1], 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> LatencySketch.fromExponentialHistogram(6, 0, new long[] {-1}, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucketCounts[0]");
    }

    @Test
    void placesExplicitBucketCountsAtOneValuePerBucket() {
        double[] bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
        long[] counts = {0, 10, 20, 40, 20, 5, 4, 1, 0};

        LatencySketch sketch = LatencySketch.fromExplicitBuckets(bounds, counts, 5.5, 0.006, 0.9);

        assertThat(sketch.count()).isEqualTo(100);
        assertThat(sketch.sum()).isEqualTo(5.5);
        assertThat(sketch.min()).isEqualTo(0.006);
        assertThat(sketch.max()).isEqualTo(0.9);
        // The median lies in (0.025, 0.05]: reported near that bucket's relative-error-optimal point.
        assertThat(sketch.quantile(0.5)).isBetween(0.025, 0.05);
        assertThat(sketch.quantile(1.0)).isEqualTo(0.9);
    }

    @Test
    void rejectsExplicitBucketsWithMismatchedLengths() {
        assertThatThrownBy(() -> LatencySketch.fromExplicitBuckets(new double[] {1, 2}, new long[] {1, 2}, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upperBounds.length + 1");
    }

    /**
     * A positive-bucket OpenTelemetry exponential histogram built the way the SDK does, with
     * the index computed independently of the sketch (exact reference, then the scale change).
     */
    private record OtelHistogram(int offset, long[] counts, double sum, double min, double max) {

        static OtelHistogram of(int scale, double[] values) {
            int[] indexes = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                // ceil(2^scale·log2 v) - 1 at any scale is the scale-6 index shifted: exact.
                int atSix = ExactBuckets.indexOf(values[i]);
                indexes[i] = scale >= 6 ? otelIndexAtFinerScale(values[i], scale) : atSix >> (6 - scale);
            }
            int low = Arrays.stream(indexes).min().orElseThrow();
            int high = Arrays.stream(indexes).max().orElseThrow();
            long[] counts = new long[high - low + 1];
            for (int index : indexes) {
                counts[index - low]++;
            }
            return new OtelHistogram(low, counts, Arrays.stream(values).sum(),
                    Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
        }

        /** OpenTelemetry's logarithm-based index with its boundary correction, as in the Java SDK. */
        private static int otelIndexAtFinerScale(double value, int scale) {
            double scaleFactor = Math.scalb(1 / Math.log(2), scale);
            int index = (int) Math.ceil(Math.log(value) * scaleFactor) - 1;
            // Correct the float error so the result matches the exact definition at 6 after downscaling.
            while (index >> (scale - 6) > ExactBuckets.indexOf(value)) {
                index--;
            }
            while (index >> (scale - 6) < ExactBuckets.indexOf(value)) {
                index++;
            }
            return index;
        }
    }
}
