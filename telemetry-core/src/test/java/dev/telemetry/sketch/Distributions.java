package dev.telemetry.sketch;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Seeded sample data shaped like latencies, in seconds. */
enum Distributions {
    /** Median 50 ms, sigma 0.6: a typical service latency. */
    LOGNORMAL(random -> 0.050 * Math.exp(0.6 * gaussian(random))),
    /** Cache hits around 2 ms and misses around 120 ms. */
    BIMODAL(random -> random.nextDouble() < 0.7
            ? 0.002 * Math.exp(0.2 * gaussian(random))
            : 0.120 * Math.exp(0.3 * gaussian(random))),
    /** Heavy tail: Pareto with minimum 1 ms and shape 1.2. */
    PARETO(random -> 0.001 / Math.pow(1 - random.nextDouble(), 1 / 1.2)),
    /** Uniform between 10 ms and 1 s. */
    UNIFORM(random -> 0.010 + 0.990 * random.nextDouble());

    private final ToDoubleFunction<SplittableRandom> sampler;

    Distributions(ToDoubleFunction<SplittableRandom> sampler) {
        this.sampler = sampler;
    }

    double[] sample(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = sampler.applyAsDouble(random);
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
