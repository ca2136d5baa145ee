package dev.telemetry.signals;

import dev.telemetry.status.Threshold;
import dev.telemetry.status.SignalStatus;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A composite health score from 0 (everything red) to 100 (everything green), declared from
 * weighted signals (DESIGN §5).
 *
 * <h2>Formula</h2>
 * Each signal {@code i} with a value gets points {@code p_i} in [0, 1]:
 * <ul>
 *   <li>{@link Scoring#STATUS}: green 1, yellow 0.5, red 0 (from its {@link Threshold});
 *   <li>{@link Scoring#LINEAR}: {@link Threshold#normalised}: 1 at or better than warn, 0 at or
 *       worse than crit, linear in between.
 * </ul>
 * {@code score = 100 × Σ w_i·p_i / Σ w_i}, summed over the signals that have a value (a NaN or
 * missing value is left out of both sums, so missing data neither helps nor hurts). With no
 * signal valued the score is {@code null} (unknown). Weights need not add up to anything.
 *
 * <pre>{@code
 * HealthScore voice = HealthScore.builder()
 *     .signal("join_success_pct", 40, Threshold.lowerIsWorse(95, 80), Scoring.STATUS)
 *     .signal("packet_loss_p95_pct", 30, Threshold.higherIsWorse(2, 5), Scoring.LINEAR)
 *     .build();
 * Score s = voice.score(Map.of("join_success_pct", 97.0, "packet_loss_p95_pct", 3.5));
 * }</pre>
 */
final class HealthScore {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** How a signal's value becomes points. */
  public enum Scoring {
    /** green 1, yellow 0.5, red 0. */
    STATUS,
    /** linear between warn (1) and crit (0). */
    LINEAR
  }

  private final List<Declared> signals;

  private HealthScore(List<Declared> signals) {
    this.signals = List.copyOf(signals);
  }

  /** Declares signals; at least one is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The score for {@code values} (signal name → value in the threshold's unit). Names not
   * declared are ignored; declared names without a value (or NaN) do not count.
   */
  public Score score(Map<String, Double> values) {
    requireNonNull(values, "values");
    double weighted = 0;
    double weights = 0;
    List<Part> parts = new ArrayList<>(signals.size());
    for (Declared d : signals) {
      Double boxed = values.get(d.name);
      double value = boxed == null ? Double.NaN : boxed;
      SignalStatus status = d.threshold.status(value);
      Double points = null;
      if (!Double.isNaN(value)) {
        double p = d.scoring == Scoring.LINEAR ? d.threshold.normalised(value) : statusPoints(status);
        weighted += d.weight * p;
        weights += d.weight;
        points = p;
      }
      parts.add(new Part(d.name, d.weight, Double.isNaN(value) ? null : value, status, points));
    }
    Double score = weights == 0 ? null : 100.0 * weighted / weights;
    return new Score(score, parts);
  }

  private static double statusPoints(SignalStatus status) {
    return switch (status) {
      case GREEN -> 1.0;
      case YELLOW -> 0.5;
      case RED, UNKNOWN -> 0.0;
    };
  }

  /**
   * A computed score.
   *
   * @param score 0–100, or {@code null} when no signal had a value
   * @param parts each declared signal's contribution, in declaration order
   */
  public record Score(Double score, List<Part> parts) {
    public Score {
      parts = List.copyOf(parts);
    }
  }

  /**
   * One signal's contribution.
   *
   * @param name signal name
   * @param weight declared weight
   * @param value the value, or {@code null} without data
   * @param status its status against the threshold
   * @param points its points in [0, 1], or {@code null} without data
   */
  public record Part(String name, double weight, Double value, SignalStatus status, Double points) {}

  private record Declared(String name, double weight, Threshold threshold, Scoring scoring) {}

  /** Declares weighted signals. */
  public static final class Builder {
    private final Map<String, Declared> signals = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Declares a signal.
     *
     * @param name {@code [a-z][a-z0-9_]{0,63}}, unique
     * @param weight finite and {@code > 0}
     */
    public Builder signal(String name, double weight, Threshold threshold, Scoring scoring) {
      requireNonNull(name, "name");
      requireNonNull(threshold, "threshold");
      requireNonNull(scoring, "scoring");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("health score signal name '" + name + "' must match [a-z][a-z0-9_]{0,63}");
      }
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException(
            "health score signal '" + name + "': weight must be a finite number > 0, was " + weight);
      }
      if (signals.containsKey(name)) {
        throw new IllegalArgumentException("health score signal '" + name + "' is declared twice");
      }
      signals.put(name, new Declared(name, weight, threshold, scoring));
      return this;
    }

    /** The score; throws when no signal was declared. */
    public HealthScore build() {
      if (signals.isEmpty()) {
        throw new IllegalArgumentException("health score: at least one signal must be declared");
      }
      return new HealthScore(new ArrayList<>(signals.values()));
    }
  }
}
