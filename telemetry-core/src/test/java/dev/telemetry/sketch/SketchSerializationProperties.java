package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SketchSerializationProperties {

    private static final double[] QUANTILES = {0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};

    @Property(tries = 300)
    void roundTripPreservesCountSumMinMaxAndQuantilesExactly(@ForAll("latencyLists") List<Double> values) {
        LatencySketch original = sketchOf(values);

        LatencySketch restored = LatencySketch.fromBytes(original.toBytes());

        assertThat(restored.count()).isEqualTo(original.count());
        // Compared as bits: exact, and NaN (an empty sketch's min, max and quantiles) equals NaN.
        assertThat(bits(restored.sum())).isEqualTo(bits(original.sum()));
        assertThat(bits(restored.min())).isEqualTo(bits(original.min()));
        assertThat(bits(restored.max())).isEqualTo(bits(original.max()));
        for (double q : QUANTILES) {
            assertThat(bits(restored.quantile(q))).as("q=%s", q).isEqualTo(bits(original.quantile(q)));
        }
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }

    @Property(tries = 100)
    void rejectsEveryTruncation(@ForAll("latencyLists") List<Double> values) {
        byte[] bytes = sketchOf(values).toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> LatencySketch.fromBytes(truncated))
                    .as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SketchFormatException.class);
        }
    }

    @Property(tries = 1000)
    void rejectsRandomBitFlips(@ForAll("latencyLists") List<Double> values,
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> flips) {
        byte[] bytes = sketchOf(values).toBytes();
        byte[] corrupted = bytes.clone();
        for (int flip : flips) {
            int bit = flip % (bytes.length * 8);
            corrupted[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        if (Arrays.equals(corrupted, bytes)) {
            return; // the same bit flipped twice
        }
        assertThatThrownBy(() -> LatencySketch.fromBytes(corrupted)).isInstanceOf(SketchFormatException.class);
    }

    @Property(tries = 200)
    void rejectsArbitraryBytesWithAFormatErrorNeverAnotherException(@ForAll byte[] bytes) {
        assertThatThrownBy(() -> LatencySketch.fromBytes(bytes)).isInstanceOf(SketchFormatException.class);
    }

    @Example
    void namesWrongMagicUnknownVersionAndTruncation() {
        byte[] bytes = sketchOf(List.of(0.1, 0.2)).toBytes();

        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThatThrownBy(() -> LatencySketch.fromBytes(wrongMagic))
                .isInstanceOf(SketchFormatException.class).hasMessageContaining("magic");
        byte[] futureVersion = bytes.clone();
        futureVersion[2] = 9;
        assertThatThrownBy(() -> LatencySketch.fromBytes(futureVersion))
                .isInstanceOf(SketchFormatException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> LatencySketch.fromBytes(Arrays.copyOf(bytes, 10)))
                .isInstanceOf(SketchFormatException.class).hasMessageContaining("truncated");
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        assertThatThrownBy(() -> LatencySketch.fromBytes(flipped))
                .isInstanceOf(SketchFormatException.class).hasMessageContaining("CRC32");
    }

    @Example
    void roundTripsAnEmptySketch() {
        LatencySketch restored = LatencySketch.fromBytes(new LatencySketch().toBytes());

        assertThat(restored.isEmpty()).isTrue();
        assertThat(restored.min()).isNaN();
        assertThat(restored.quantile(0.5)).isNaN();
    }

    @Example
    void serializesATypicalLatencyDistributionInAtMostOneKibibyte() {
        LatencySketch sketch = new LatencySketch();
        Arrays.stream(Distributions.LOGNORMAL.sample(10_000, 11)).forEach(sketch::record);

        byte[] bytes = sketch.toBytes();

        System.out.printf("10,000 lognormal samples (median 50 ms, sigma 0.6): %d bytes%n", bytes.length);
        assertThat(bytes.length).isLessThanOrEqualTo(1024);
    }

    @Example
    void decodesEveryBucketWhenTheStoredMaximumIsFarAboveThem() {
        // The decoder sizes its window from the lowest bucket to the maximum's bucket; a maximum
        // more than MAX_BUCKETS above the buckets (a CRC-valid but inconsistent row) must not make
        // it fold the real buckets together.
        LatencySketch original = sketchOf(List.of(1.0, 1.5, 2.0));
        byte[] bytes = original.toBytes();
        int maxOffset = 2 + 1 + 1 + 1 + 2 * Double.BYTES; // magic, version, scale, zero count (one byte), sum, min
        ByteBuffer.wrap(bytes).putDouble(maxOffset, 1e300);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());

        LatencySketch restored = LatencySketch.fromBytes(bytes);

        assertThat(restored.max()).isEqualTo(1e300);
        assertThat(restored.count()).isEqualTo(3);
        assertThat(restored.quantile(0.5)).isEqualTo(original.quantile(0.5));
    }

    @Provide
    Arbitrary<List<Double>> latencyLists() {
        Arbitrary<Double> latency = Arbitraries.oneOf(
                Arbitraries.doubles().between(1e-6, 100).ofScale(9),
                Arbitraries.of(0.0, 1e-12, 1e-9, 1.0, 2.0, 1e12));
        return latency.list().ofMaxSize(400);
    }

    private static long bits(double value) {
        return Double.doubleToLongBits(value);
    }

    private static LatencySketch sketchOf(List<Double> values) {
        LatencySketch sketch = new LatencySketch();
        values.forEach(sketch::record);
        return sketch;
    }
}
