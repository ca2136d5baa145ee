/** JMH benchmarks: the record path against peers, sketches, queries. */
package dev.telemetry.benchmarks;
