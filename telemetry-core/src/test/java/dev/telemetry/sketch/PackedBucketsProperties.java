package dev.telemetry.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The packed bucket counts of ADR 0053 against the {@code long[]} window they replaced
 * ({@link DenseWindowReference}): same buckets, same collapse, same version-1 bytes, whatever
 * width the counts grew to.
 */
class PackedBucketsProperties {

    private static final double[] QUANTILES = {0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};
    /** The largest count of each width below 64 bits: one more must widen the counts. */
    private static final long[] WIDTH_LIMITS = {0xFFL, 0xFFFFL, 0xFFFF_FFFFL};

    record Entry(double value, long times) {}

    @Property(tries = 300)
    void writesTheSameBytesAsTheDenseWindowForTheSameRecordsMergesAndClears(
            @ForAll("entries") List<Entry> first, @ForAll("entries") List<Entry> second,
            @ForAll @IntRange(min = 0, max = 3) int clearAfter) {
        LatencySketch a = new LatencySketch();
        DenseWindowReference referenceA = new DenseWindowReference();
        for (int i = 0; i < first.size(); i++) {
            apply(first.get(i), a, referenceA);
            if (i == clearAfter) {
                a.clear();
                referenceA.clear();
            }
        }
        LatencySketch b = new LatencySketch();
        DenseWindowReference referenceB = new DenseWindowReference();
        second.forEach(entry -> apply(entry, b, referenceB));
        assertThat(a.toBytes()).isEqualTo(referenceA.toBytes());
        assertThat(b.toBytes()).isEqualTo(referenceB.toBytes());

        a.merge(b);
        referenceA.merge(referenceB);

        byte[] bytes = a.toBytes();
        assertThat(bytes).isEqualTo(referenceA.toBytes());
        LatencySketch decoded = LatencySketch.fromBytes(bytes);
        assertThat(decoded.toBytes()).isEqualTo(bytes);
        for (double q : QUANTILES) {
            assertThat(Double.doubleToLongBits(decoded.quantile(q))).as("q=%s", q)
                    .isEqualTo(Double.doubleToLongBits(a.quantile(q)));
        }
    }

    @Property(tries = 200)
    void widensTheCountsExactlyWhenOnePassesItsWidth(
            @ForAll @IntRange(min = 0, max = 2) int limitIndex,
            @ForAll @LongRange(min = 0, max = 3) long belowLimit,
            @ForAll @IntRange(min = 1, max = 4) int increments,
            @ForAll @IntRange(min = 0, max = 63) int bucketInPage,
            @ForAll @LongRange(min = 1, max = 255) long neighbourCount) {
        long limit = WIDTH_LIMITS[limitIndex];
        int width = 8 << limitIndex;
        int pageStart = LatencySketch.indexOf(Math.nextUp(1.0)); // bucket 0, (1, 2^(1/64)]
        double value = ExponentialBuckets.representative(pageStart + bucketInPage);
        double neighbour = ExponentialBuckets.representative(pageStart + (bucketInPage + 1) % 64);
        LatencySketch sketch = new LatencySketch();
        sketch.record(neighbour, neighbourCount);
        sketch.record(value, limit - belowLimit);
        assertThat(sketch.countWidth()).isEqualTo(width);

        for (int i = 0; i < increments; i++) {
            sketch.record(value);
        }

        long expected = limit - belowLimit + increments;
        assertThat(sketch.countWidth())
                .as("count %d at width %d", expected, width)
                .isEqualTo(expected > limit ? width * 2 : width);
        assertThat(bucketCount(sketch, pageStart + bucketInPage)).isEqualTo(expected);
        assertThat(bucketCount(sketch, pageStart + (bucketInPage + 1) % 64)).isEqualTo(neighbourCount);
        DenseWindowReference reference = new DenseWindowReference();
        reference.record(neighbour, neighbourCount);
        reference.record(value, limit - belowLimit);
        for (int i = 0; i < increments; i++) {
            reference.record(value);
        }
        assertThat(sketch.toBytes()).isEqualTo(reference.toBytes());
    }

    @Property(tries = 100)
    void mergesSketchesWhoseCountsWidenedDifferently(
            @ForAll @LongRange(min = 1, max = 1L << 40) long bigger,
            @ForAll @LongRange(min = 1, max = 300) long smaller,
            @ForAll @IntRange(min = 0, max = 20) int octaves) {
        LatencySketch a = new LatencySketch();
        LatencySketch b = new LatencySketch();
        DenseWindowReference referenceA = new DenseWindowReference();
        DenseWindowReference referenceB = new DenseWindowReference();
        for (int octave = 0; octave <= octaves; octave++) {
            double value = 1e-3 * Math.scalb(1.3, octave);
            boolean even = octave % 2 == 0;
            a.record(value, even ? bigger : smaller);
            referenceA.record(value, even ? bigger : smaller);
            b.record(value * 1.01, even ? smaller : bigger);
            referenceB.record(value * 1.01, even ? smaller : bigger);
        }

        a.merge(b);
        referenceA.merge(referenceB);

        assertThat(a.toBytes()).isEqualTo(referenceA.toBytes());
        assertThat(LatencySketch.fromBytes(a.toBytes()).toBytes()).isEqualTo(a.toBytes());
    }

    /**
     * Same-width merges go a word at a time (ADR 0057): sketches whose windows start at different
     * bucket offsets (so source words straddle two target words), with counts close to their width's
     * limit (so some fields carry out and the merge finishes field by field after widening), give the
     * bytes of the dense window's merge.
     */
    @Property(tries = 300)
    void mergesWordByWordAtAnyAlignmentAndWidthAsTheDenseWindowDoes(
            @ForAll @IntRange(min = 0, max = 200) int startA, @ForAll @IntRange(min = 0, max = 200) int startB,
            @ForAll @IntRange(min = 1, max = 150) int bucketsA, @ForAll @IntRange(min = 1, max = 150) int bucketsB,
            @ForAll @IntRange(min = 0, max = 2) int limitIndex, @ForAll long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long limit = WIDTH_LIMITS[limitIndex];
        LatencySketch a = new LatencySketch();
        LatencySketch b = new LatencySketch();
        DenseWindowReference referenceA = new DenseWindowReference();
        DenseWindowReference referenceB = new DenseWindowReference();
        int base = LatencySketch.indexOf(1e-3);
        for (int i = 0; i < bucketsA; i++) {
            long times = random.nextInt(4) == 0 ? 0 : Math.max(1, limit - random.nextLong(limit / 2 + 1));
            double value = ExponentialBuckets.representative(base + startA + i);
            if (times > 0) {
                a.record(value, times);
                referenceA.record(value, times);
            }
        }
        for (int i = 0; i < bucketsB; i++) {
            long times = random.nextInt(4) == 0 ? 0 : 1 + random.nextLong(limit);
            double value = ExponentialBuckets.representative(base + startB + i);
            if (times > 0) {
                b.record(value, times);
                referenceB.record(value, times);
            }
        }

        a.merge(b);
        referenceA.merge(referenceB);
        b.merge(b);
        referenceB.merge(referenceB);

        assertThat(a.toBytes()).isEqualTo(referenceA.toBytes());
        assertThat(b.toBytes()).isEqualTo(referenceB.toBytes());
    }

    /**
     * The word-wise merge (ADR 0065: counts spread to a wider target's width, shifted into its
     * alignment, added with carry detection; a fresh target copies) equals a naive merge that adds
     * every bucket of the source one by one, for sketches at any two of the four widths, windows at
     * any offset, counts that overflow the target's width, targets that are fresh, cleared or the
     * source itself, and ranges far enough apart to collapse.
     */
    @Property(tries = 400)
    void mergesAsANaivePerBucketMergeAtAnyWidthsAndWindows(
            @ForAll @IntRange(min = 0, max = 300) int startA, @ForAll @IntRange(min = 0, max = 300) int startB,
            @ForAll @IntRange(min = 0, max = 200) int bucketsA, @ForAll @IntRange(min = 1, max = 200) int bucketsB,
            @ForAll @IntRange(min = 0, max = 3) int widthA, @ForAll @IntRange(min = 0, max = 3) int widthB,
            @ForAll @IntRange(min = 0, max = 5) int target, @ForAll long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int base = LatencySketch.indexOf(1e-3);
        // target 0: a fresh sketch; 1: one cleared after use; 2: the source itself; 3: a sketch
        // 8,192 buckets away, so the merged range collapses; 4 and 5: anywhere near the source.
        LatencySketch a = new LatencySketch();
        DenseWindowReference referenceA = new DenseWindowReference();
        if (target == 1) {
            fill(a, referenceA, base - 500, 700, 3, random);
            a.clear();
            referenceA.clear();
        } else if (target == 3) {
            fill(a, referenceA, base + LatencySketch.MAX_BUCKETS, bucketsA, widthA, random);
        } else if (target >= 4) {
            fill(a, referenceA, base + startA, bucketsA, widthA, random);
        }
        LatencySketch b = new LatencySketch();
        DenseWindowReference referenceB = new DenseWindowReference();
        fill(b, referenceB, base + startB, bucketsB, widthB, random);
        if (target == 2) {
            a = b;
            referenceA = referenceB;
        }
        java.util.Map<Integer, Long> sums = buckets(a);
        buckets(b).forEach((index, count) -> sums.merge(index, count, Long::sum));
        LatencySketch naive = a.copy();
        b.forEachBucket(naive::add);
        long expectedCount = a.count() + b.count();

        a.merge(b);
        referenceA.merge(referenceB);
        a.merge(new LatencySketch());

        assertThat(buckets(a)).isEqualTo(buckets(naive));
        if (target != 3) { // no collapse: every bucket is the sum of both
            assertThat(buckets(a)).isEqualTo(sums);
        }
        assertThat(a.count()).isEqualTo(expectedCount);
        assertThat(a.toBytes()).isEqualTo(referenceA.toBytes());
        LatencySketch fromReference = LatencySketch.fromBytes(referenceA.toBytes());
        for (double q : QUANTILES) {
            assertThat(Double.doubleToLongBits(a.quantile(q))).as("q=%s", q)
                    .isEqualTo(Double.doubleToLongBits(fromReference.quantile(q)));
        }
    }

    /**
     * Records into {@code buckets} consecutive buckets from {@code first}, a quarter left empty,
     * counts up to and near the limit of width {@code 8 << widthIndex} (2^40 for 64 bits).
     */
    private static void fill(LatencySketch sketch, DenseWindowReference reference, int first, int buckets,
            int widthIndex, java.util.SplittableRandom random) {
        long limit = widthIndex == 3 ? 1L << 40 : WIDTH_LIMITS[widthIndex];
        for (int i = 0; i < buckets; i++) {
            if (random.nextInt(4) > 0) {
                long times = random.nextBoolean() ? 1 + random.nextLong(limit) : Math.max(1, limit - random.nextLong(8));
                double value = ExponentialBuckets.representative(first + i);
                sketch.record(value, times);
                reference.record(value, times);
            }
        }
    }

    private static java.util.Map<Integer, Long> buckets(LatencySketch sketch) {
        java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
        sketch.forEachBucket(out::put);
        return out;
    }

    /**
     * A fresh total copies its first sketch only when that sketch's window is one made for its
     * counts (ADR 0065): a long-lived sketch that once held a wide range or large counts, and was
     * cleared, does not hand its large or wide window to every total it is merged into.
     */
    @Example
    void aFreshTotalIsNoLargerOrWiderThanItsCountsNeed() {
        LatencySketch longLived = new LatencySketch();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 3000; i++) {
            longLived.record(1e-4 * Math.pow(1e6, random.nextDouble()));
        }
        longLived.record(0.05, 70_000); // 32-bit counts
        longLived.clear();
        for (int i = 0; i < 20; i++) {
            longLived.record(0.04 + 0.001 * i);
        }
        LatencySketch total = new LatencySketch();

        total.merge(longLived);

        LatencySketch madeForItsCounts = LatencySketch.fromBytes(longLived.toBytes());
        assertThat(longLived.countWidth()).isEqualTo(32);
        assertThat(total.countWidth()).isEqualTo(8);
        assertThat(total.heapBytes()).isEqualTo(madeForItsCounts.heapBytes()).isLessThan(longLived.heapBytes());
        assertThat(total.toBytes()).isEqualTo(longLived.toBytes());
    }

    @Example
    void countsUpToTheLongRangeThroughMerges() {
        LatencySketch half = new LatencySketch();
        half.record(0.05, Long.MAX_VALUE / 2);
        LatencySketch rest = new LatencySketch();
        rest.record(0.05, Long.MAX_VALUE / 2 + 1);
        LatencySketch total = new LatencySketch();

        total.merge(half);
        total.merge(rest);

        assertThat(total.count()).isEqualTo(Long.MAX_VALUE);
        assertThat(bucketCount(total, LatencySketch.indexOf(0.05))).isEqualTo(Long.MAX_VALUE);
        assertThat(total.countWidth()).isEqualTo(64);
        LatencySketch decoded = LatencySketch.fromBytes(total.toBytes());
        assertThat(decoded.count()).isEqualTo(Long.MAX_VALUE);
        assertThat(decoded.quantile(0.5)).isEqualTo(total.quantile(0.5));
    }

    @Example
    void holdsAWideRangeInAboutOneAndAHalfKib() {
        LatencySketch wide = new LatencySketch();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2448; i++) {
            wide.record(1e-4 * Math.pow(1e6, random.nextDouble())); // 100 µs .. 100 s, 1,276 buckets
        }

        // 1,276 buckets, a window of 1,344 (21 octaves) 8-bit counts: under 2 KiB; the long[]
        // window it replaces was 2,048 longs, 16 KiB.
        assertThat(wide.heapBytes()).isLessThan(2048);
    }

    private static void apply(Entry entry, LatencySketch sketch, DenseWindowReference reference) {
        if (entry.times() == 1) {
            sketch.record(entry.value());
            reference.record(entry.value());
        } else {
            sketch.record(entry.value(), entry.times());
            reference.record(entry.value(), entry.times());
        }
    }

    private static long bucketCount(LatencySketch sketch, int index) {
        long[] found = {0};
        sketch.forEachBucket((i, count) -> {
            if (i == index) {
                found[0] = count;
            }
        });
        return found[0];
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Double> value = Arbitraries.oneOf(
                Arbitraries.doubles().between(1e-4, 100).ofScale(9),
                Arbitraries.doubles().between(-12, 40).ofScale(3).map(exponent -> Math.pow(10, exponent)), // past the cap
                Arbitraries.of(0.0, 1e-12, 1e-9, 1.0, 2.0));
        Arbitrary<Long> times = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(1L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 300)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(200, 70_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 1L << 40)));
        return Combinators.combine(value, times).as(Entry::new).list().ofMaxSize(300)
                .map(ArrayList::new);
    }
}
