package dev.telemetry.benchmarks.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import dev.telemetry.sketch.LatencySketch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;

/**
 * Prints serialized size and worst quantile error of each candidate for the typical latency
 * distribution (10,000 lognormal samples, median 50 ms, sigma 0.6), the numbers JMH cannot give.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.telemetry.benchmarks.sketch.SketchComparison}.
 */
public final class SketchComparison {

    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    private SketchComparison() {
    }

    public static void main(String[] args) {
        double[] values = SketchBenchmark.lognormalSeconds(10_000, 11);
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        LatencySketch latency = new LatencySketch();
        DDSketch dd = DDSketches.unboundedDense(SketchBenchmark.ACCURACY);
        DoubleHistogram hdrDouble = new DoubleHistogram(2);
        Histogram hdrNanos = new Histogram(3_600_000_000_000L, 2);
        for (double value : values) {
            latency.record(value);
            dd.accept(value);
            hdrDouble.recordValue(value);
            hdrNanos.recordValue(Math.round(value * 1e9));
        }

        System.out.println("candidate                      bytes  worst rel. error over p50/p90/p95/p99/p99.9 (nearest rank)");
        print("LatencySketch (scale 6)", latency.toBytes().length, q -> latency.quantile(q), sorted);
        ByteBuffer ddBytes = dd.serialize();
        print("DDSketch cubic dense 1%", ddBytes.remaining(), dd::getValueAtQuantile, sorted);
        ByteBuffer hdrDoubleBuffer = ByteBuffer.allocate(hdrDouble.getNeededByteBufferCapacity());
        int hdrDoubleBytes = hdrDouble.encodeIntoCompressedByteBuffer(hdrDoubleBuffer, 9);
        print("HdrHistogram Double 2 digits", hdrDoubleBytes, q -> hdrDouble.getValueAtPercentile(q * 100), sorted);
        ByteBuffer hdrNanosBuffer = ByteBuffer.allocate(hdrNanos.getNeededByteBufferCapacity());
        int hdrNanosBytes = hdrNanos.encodeIntoCompressedByteBuffer(hdrNanosBuffer, 9);
        print("HdrHistogram nanos 2 digits", hdrNanosBytes, q -> hdrNanos.getValueAtPercentile(q * 100) / 1e9, sorted);
    }

    private static void print(String name, int bytes, java.util.function.DoubleUnaryOperator quantile, double[] sorted) {
        double worst = 0;
        for (double q : QUANTILES) {
            double exact = sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
            worst = Math.max(worst, Math.abs(quantile.applyAsDouble(q) - exact) / exact);
        }
        System.out.printf("%-30s %5d  %.3f%%%n", name, bytes, worst * 100);
    }
}
