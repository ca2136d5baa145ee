package dev.telemetry.benchmarks.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.mapping.BitwiseLinearlyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.telemetry.sketch.LatencySketch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link LatencySketch} against DDSketch and HdrHistogram, at about 1% relative accuracy
 * (DESIGN §7): single-threaded record cost and merge cost. Values are precomputed lognormal
 * latencies in seconds (median 50 ms, sigma 0.6) read from an array, so RNG cost is not measured.
 * The {@code …LatencySketch} rows also read quantiles, encode and decode, and repeat record and
 * merge with wide latencies (log-uniform 100 µs to 100 s, 20 octaves): the cost of the paged,
 * packed bucket counts of ADR 0053.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SketchBenchmark {

    static final double ACCURACY = 0.01;
    private static final int VALUES = 1 << 16;

    private final double[] values = lognormalSeconds(VALUES, 42);
    private int next;

    private LatencySketch latencySketch;
    private DDSketch ddCubicUnbounded;
    private DDSketch ddLogCollapsing;
    private DDSketch ddBitwiseLinear;
    private DoubleHistogram hdrDouble;
    private Histogram hdrNanos;

    private LatencySketch latencyPart;
    private DDSketch ddPart;
    private Histogram hdrPart;
    private LatencySketch latencyTotal;
    private DDSketch ddTotal;
    private Histogram hdrTotal;

    private final double[] wideValues = logUniformSeconds(VALUES, 43);
    private LatencySketch latencyWide;
    private LatencySketch latencyWidePart;
    private LatencySketch latencyWideTotal;
    private byte[] latencyPartBytes;

    @Setup(Level.Trial)
    public void setUp() {
        latencySketch = new LatencySketch();
        ddCubicUnbounded = DDSketches.unboundedDense(ACCURACY);
        ddLogCollapsing = DDSketches.logarithmicCollapsingLowestDense(ACCURACY, 2048);
        ddBitwiseLinear = new DDSketch(new BitwiseLinearlyInterpolatedMapping(ACCURACY), UnboundedSizeDenseStore::new);
        hdrDouble = new DoubleHistogram(2);
        hdrNanos = new Histogram(3_600_000_000_000L, 2);

        double[] part = lognormalSeconds(10_000, 7);
        latencyPart = new LatencySketch();
        ddPart = DDSketches.unboundedDense(ACCURACY);
        hdrPart = new Histogram(3_600_000_000_000L, 2);
        for (double value : part) {
            latencyPart.record(value);
            ddPart.accept(value);
            hdrPart.recordValue(Math.round(value * 1e9));
        }
        latencyTotal = latencyPart.copy();
        latencyPartBytes = latencyPart.toBytes();
        latencyWide = new LatencySketch();
        latencyWidePart = new LatencySketch();
        for (double value : logUniformSeconds(10_000, 8)) {
            latencyWidePart.record(value);
        }
        latencyWideTotal = latencyWidePart.copy();
        ddTotal = ddPart.copy();
        hdrTotal = hdrPart.copy();
    }

    private double nextValue() {
        return values[next++ & (VALUES - 1)];
    }

    @Benchmark
    public boolean recordLatencySketch() {
        return latencySketch.record(nextValue());
    }

    @Benchmark
    public DDSketch recordDDSketchCubicUnboundedDense() {
        ddCubicUnbounded.accept(nextValue());
        return ddCubicUnbounded;
    }

    @Benchmark
    public DDSketch recordDDSketchLogarithmicCollapsingLowest() {
        ddLogCollapsing.accept(nextValue());
        return ddLogCollapsing;
    }

    @Benchmark
    public DDSketch recordDDSketchBitwiseLinear() {
        ddBitwiseLinear.accept(nextValue());
        return ddBitwiseLinear;
    }

    @Benchmark
    public DoubleHistogram recordHdrDoubleHistogram() {
        hdrDouble.recordValue(nextValue());
        return hdrDouble;
    }

    @Benchmark
    public Histogram recordHdrHistogramNanos() {
        hdrNanos.recordValue((long) (nextValue() * 1e9));
        return hdrNanos;
    }

    /** Merge one minute's sketch (10,000 values) into a running total, as rollups do. */
    @Benchmark
    public LatencySketch mergeLatencySketch() {
        latencyTotal.merge(latencyPart);
        return latencyTotal;
    }

    @Benchmark
    public boolean recordWideLatencySketch() {
        return latencyWide.record(wideValues[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public LatencySketch mergeWideLatencySketch() {
        latencyWideTotal.merge(latencyWidePart);
        return latencyWideTotal;
    }

    /** p50, p90, p99 and p99.9 of one minute's sketch, as a summary reads them. */
    @Benchmark
    public double quantilesLatencySketch() {
        return latencyPart.quantile(0.5) + latencyPart.quantile(0.9) + latencyPart.quantile(0.99)
                + latencyPart.quantile(0.999);
    }

    @Benchmark
    public byte[] encodeLatencySketch() {
        return latencyPart.toBytes();
    }

    @Benchmark
    public LatencySketch decodeLatencySketch() {
        return LatencySketch.fromBytes(latencyPartBytes);
    }

    @Benchmark
    public DDSketch mergeDDSketch() {
        ddTotal.mergeWith(ddPart);
        return ddTotal;
    }

    @Benchmark
    public Histogram mergeHdrHistogram() {
        hdrTotal.add(hdrPart);
        return hdrTotal;
    }

    static double[] logUniformSeconds(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = 1e-4 * Math.pow(1e6, random.nextDouble());
        }
        return values;
    }

    static double[] lognormalSeconds(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            values[i] = 0.050 * Math.exp(0.6 * gaussian);
        }
        return values;
    }
}
