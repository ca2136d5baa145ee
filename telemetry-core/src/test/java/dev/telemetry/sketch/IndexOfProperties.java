package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class IndexOfProperties {

    @Property(tries = 3000)
    void agreesWithExactDefinitionForAnyPositiveDouble(@ForAll("positiveFiniteDoubles") double value) {
        assertThat(LatencySketch.indexOf(value)).as("indexOf(%s)", value).isEqualTo(ExactBuckets.indexOf(value));
    }

    @Property(tries = 3000)
    void agreesWithExactDefinitionOneUlpAroundEveryBoundary(
            @ForAll @IntRange(min = -1022 * 64, max = 1023 * 64) int index) {
        double boundary = LatencySketch.lowerBoundary(index);
        for (double value : new double[] {Math.nextDown(boundary), boundary, Math.nextUp(boundary)}) {
            assertThat(LatencySketch.indexOf(value)).as("indexOf(%s) near boundary %d", value, index)
                    .isEqualTo(ExactBuckets.indexOf(value));
        }
    }

    @Example
    void agreesAroundEveryBoundaryOfTheTrackedRange() {
        for (int index = LatencySketch.indexOf(1e-9) - 1; index <= LatencySketch.indexOf(1e12) + 1; index++) {
            double boundary = LatencySketch.lowerBoundary(index);
            for (double value : new double[] {Math.nextDown(boundary), boundary, Math.nextUp(boundary)}) {
                assertThat(LatencySketch.indexOf(value)).as("indexOf(%s)", value).isEqualTo(ExactBuckets.indexOf(value));
            }
        }
    }

    @Property
    void putsExactPowersOfTwoInTheLastBucketOfTheOctaveBelow(@ForAll @IntRange(min = -1074, max = 1023) int exponent) {
        assertThat(LatencySketch.indexOf(Math.scalb(1.0, exponent))).isEqualTo(64 * exponent - 1);
    }

    @Property(tries = 1000)
    void handlesSubnormalsExactly(@ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int mantissa) {
        double subnormal = Double.longBitsToDouble(mantissa * 2097151L + mantissa);
        assertThat(LatencySketch.indexOf(subnormal)).isEqualTo(ExactBuckets.indexOf(subnormal));
    }

    @Property(tries = 2000)
    void valueLiesInsideTheBoundariesOfItsBucket(@ForAll("positiveFiniteDoubles") double value) {
        int index = LatencySketch.indexOf(value);
        assertThat(ExactBuckets.boundaryBelow(index, value)).isTrue();
        assertThat(ExactBuckets.boundaryBelow(index + 1, value)).isFalse();
    }

    @Property(tries = 2000)
    void lowerBoundaryIsTheNearestDoubleToTheExactBoundary(@ForAll @IntRange(min = -64 * 1000, max = 64 * 1000) int index) {
        double boundary = LatencySketch.lowerBoundary(index);
        // The exact boundary lies within half an ulp: below nextUp, above nextDown.
        assertThat(ExactBuckets.boundaryBelow(index, Math.nextUp(boundary))).isTrue();
        assertThat(ExactBuckets.boundaryBelow(index, Math.nextDown(boundary))).isFalse();
        assertThat(LatencySketch.upperBoundary(index)).isEqualTo(LatencySketch.lowerBoundary(index + 1));
    }

    @Provide
    Arbitrary<Double> positiveFiniteDoubles() {
        Arbitrary<Double> anyBits = Arbitraries.longs().between(1, 0x7FEF_FFFF_FFFF_FFFFL).map(Double::longBitsToDouble);
        Arbitrary<Double> latencies = Arbitraries.doubles().between(1e-9, 1e12).ofScale(20);
        return Arbitraries.oneOf(anyBits, latencies);
    }
}
