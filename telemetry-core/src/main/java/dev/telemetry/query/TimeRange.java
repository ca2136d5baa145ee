package dev.telemetry.query;

import java.time.Duration;

/** The preset ranges of the dashboard, ending now. */
public enum TimeRange {
  LAST_HOUR("1h", Duration.ofHours(1)),
  LAST_6_HOURS("6h", Duration.ofHours(6)),
  LAST_24_HOURS("24h", Duration.ofHours(24)),
  LAST_7_DAYS("7d", Duration.ofDays(7)),
  LAST_30_DAYS("30d", Duration.ofDays(30)),
  /** 90 days: longer than any raw retention, so only queries answered from day rollups accept it. */
  LAST_90_DAYS("90d", Duration.ofDays(90)),
  /**
   * Everything the query may reach: the retention for most queries, the day retention (default 400
   * days) for totals and event analytics. Its {@link #span()} is the longest day retention.
   */
  ALL_TIME("all", Duration.ofDays(3660));

  private final String label;
  private final Duration span;

  TimeRange(String label, Duration span) {
    this.label = label;
    this.span = span;
  }

  /**
   * How the HTTP API spells it: {@code 1h}, {@code 6h}, {@code 24h}, {@code 7d}, {@code 30d},
   * {@code 90d}, {@code all}.
   */
  public String label() {
    return label;
  }

  /** How far back it reaches. */
  public Duration span() {
    return span;
  }

  /**
   * The preset spelled {@code label}.
   *
   * @throws QueryException naming {@code range} when it is not one of the presets
   */
  public static TimeRange parse(String label) {
    for (TimeRange r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    throw new QueryException("range", "must be one of 1h, 6h, 24h, 7d, 30d, 90d, all, was '" + label + "'");
  }
}
