package dev.telemetry;

/** A {@link Counter} series with its labels resolved once. */
public interface BoundCounter {
  void increment();

  void add(double amount);
}
