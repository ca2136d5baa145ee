package dev.telemetry.otel;

import dev.telemetry.contract.MetricUnit;
import java.util.concurrent.TimeUnit;

/** Source units (OpenTelemetry's UCUM codes, Micrometer's base units) against contract units. */
final class Units {
  private Units() {}

  /**
   * The contract name suffix for a source unit, or {@code null} when there is none: the UCUM codes
   * above, else a unit word ({@code items}, Micrometer's {@code baseUnit}) or a UCUM annotation
   * ({@code {items}}) as the word itself, snake-cased.
   */
  static String suffix(String ucum) {
    if (ucum == null) {
      return null;
    }
    return switch (ucum) {
      case "s" -> "seconds";
      case "ms" -> "milliseconds";
      case "By" -> "bytes";
      case "1" -> "ratio";
      case "%" -> "percent";
      default -> word(ucum);
    };
  }

  private static String word(String unit) {
    String bare = unit.length() > 2 && unit.startsWith("{") && unit.endsWith("}")
        ? unit.substring(1, unit.length() - 1) : unit;
    if (!bare.matches("[A-Za-z][A-Za-z0-9_.]{0,31}")) {
      return null;
    }
    String snake = NameMapping.snakeCase(bare);
    return snake.isEmpty() ? null : snake;
  }

  /** The UCUM code of a Micrometer base unit word ({@code bytes} → {@code By}), or the word itself. */
  static String fromMicrometer(String baseUnit) {
    if (baseUnit == null) {
      return "";
    }
    return switch (baseUnit) {
      case "seconds" -> "s";
      case "milliseconds" -> "ms";
      case "bytes" -> "By";
      case "percent" -> "%";
      default -> baseUnit;
    };
  }

  /** Seconds per source unit for a time unit in UCUM, or NaN when it is not a time. */
  static double secondsPer(String ucum) {
    if (ucum == null) {
      return Double.NaN;
    }
    return switch (ucum) {
      case "s" -> 1;
      case "ms" -> 1e-3;
      case "us" -> 1e-6;
      case "ns" -> 1e-9;
      case "min" -> 60;
      default -> Double.NaN;
    };
  }

  /** Seconds per unit of a Micrometer base time unit. */
  static double secondsPer(TimeUnit unit) {
    return unit.toNanos(1) / 1e9;
  }

  /**
   * The factor from a source unit to the contract unit: 1 unless both are times and differ
   * ({@code ms} into a {@code _seconds} metric gives 0.001).
   */
  static double factor(double sourceSecondsPerUnit, MetricUnit target) {
    if (Double.isNaN(sourceSecondsPerUnit)) {
      return 1;
    }
    if (target.equals(MetricUnit.SECONDS)) {
      return sourceSecondsPerUnit;
    }
    if (target.equals(MetricUnit.MILLISECONDS)) {
      return sourceSecondsPerUnit * 1e3;
    }
    return 1;
  }
}
