package dev.telemetry.status;

import static java.util.Objects.requireNonNull;

/**
 * A two-level threshold on a numeric signal, in the signal's display unit (ms, percent …).
 *
 * <p>For {@link Direction#HIGHER_IS_WORSE}: {@code value < warn} is green, {@code warn <= value
 * <= crit} yellow, {@code value > crit} red (DESIGN §5: "< 200 ms / 200–1000 ms / > 1000 ms").
 * {@link Direction#LOWER_IS_WORSE} mirrors it: {@code value > warn} green, {@code crit <= value
 * <= warn} yellow, {@code value < crit} red. NaN is {@link SignalStatus#UNKNOWN}.
 *
 * <pre>{@code
 * Threshold latency = Threshold.higherIsWorse(200, 1000);
 * latency.status(350.0); // YELLOW
 * }</pre>
 *
 * @param warn where yellow starts; finite, strictly before {@code crit} in the direction
 * @param crit where red starts (exclusive); finite
 * @param direction which way is worse
 */
public record Threshold(double warn, double crit, Direction direction) {

  /** Which way of a threshold is worse. */
  public enum Direction {
    /** Latency, error rate, utilisation: bigger is worse. */
    HIGHER_IS_WORSE,
    /** Success rate, free space: smaller is worse. */
    LOWER_IS_WORSE
  }

  /**
   * Validates the threshold.
   *
   * @throws IllegalArgumentException naming the value and the rule broken
   */
  public Threshold {
    requireNonNull(direction, "direction");
    String rule = violation(warn, crit, direction);
    if (rule != null) {
      throw new IllegalArgumentException(
          "threshold warn=" + warn + ", crit=" + crit + " (" + direction + "): " + rule);
    }
  }

  /** {@code warn < crit}, bigger is worse. */
  public static Threshold higherIsWorse(double warn, double crit) {
    return new Threshold(warn, crit, Direction.HIGHER_IS_WORSE);
  }

  /** {@code warn > crit}, smaller is worse. */
  public static Threshold lowerIsWorse(double warn, double crit) {
    return new Threshold(warn, crit, Direction.LOWER_IS_WORSE);
  }

  /** The status of {@code value}; NaN (no data) is {@link SignalStatus#UNKNOWN}. */
  public SignalStatus status(double value) {
    if (Double.isNaN(value)) {
      return SignalStatus.UNKNOWN;
    }
    if (direction == Direction.HIGHER_IS_WORSE) {
      return value < warn ? SignalStatus.GREEN : value <= crit ? SignalStatus.YELLOW : SignalStatus.RED;
    }
    return value > warn ? SignalStatus.GREEN : value >= crit ? SignalStatus.YELLOW : SignalStatus.RED;
  }

  /**
   * How good {@code value} is on a linear scale: 1 at or better than {@code warn}, 0 at or worse
   * than {@code crit}, linear in between; NaN for NaN.
   */
  public double normalised(double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    double fraction = (value - warn) / (crit - warn); // 0 at warn, 1 at crit, either direction
    return 1.0 - Math.max(0.0, Math.min(1.0, fraction));
  }

  /** The rule a (warn, crit, direction) triple breaks, or {@code null} when it is valid. */
  static String violation(double warn, double crit, Direction direction) {
    if (!Double.isFinite(warn) || !Double.isFinite(crit)) {
      return "warn and crit must be finite numbers";
    }
    if (direction == Direction.HIGHER_IS_WORSE && !(warn < crit)) {
      return "warn must be below crit when higher is worse";
    }
    if (direction == Direction.LOWER_IS_WORSE && !(warn > crit)) {
      return "warn must be above crit when lower is worse";
    }
    return null;
  }
}
