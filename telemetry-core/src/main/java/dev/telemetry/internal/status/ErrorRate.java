package dev.telemetry.internal.status;

/**
 * The one error-rate formula behind the summary's errors card, the error-rate health probe and the
 * top-routes ranking: failed requests over all requests, undefined without traffic. Not API: shared
 * by the {@code signals}, {@code health} and {@code query} packages, not exported by {@code module-info}.
 */
public final class ErrorRate {
  private ErrorRate() {}

  /** {@code errors / traffic}, or NaN when there was no traffic. */
  public static double fraction(double errors, double traffic) {
    return traffic > 0 ? errors / traffic : Double.NaN;
  }

  /** {@code errors / traffic × 100}, or NaN when there was no traffic. */
  public static double percent(double errors, double traffic) {
    return traffic > 0 ? 100.0 * errors / traffic : Double.NaN;
  }
}
