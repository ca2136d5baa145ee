package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One computed section of a page: its view, or why there is none (an error, or not enough data
 * yet), and how fresh it is.
 *
 * @param name the section's name
 * @param title its heading
 * @param state {@code OK} (with a view), {@code ERROR} (with an error) or {@code COLLECTING}
 * @param kind the view's kind ({@code stats}, {@code table} …); {@code null} without a view
 * @param computedAt when it was computed
 * @param expiresAt when the cached value is recomputed: {@code computedAt + ttl}
 * @param ttlSeconds the TTL it was cached for
 * @param view the view; {@code null} unless {@code OK}
 * @param error the failure's type and message; {@code null} unless {@code ERROR}
 * @param collecting how much data there is and is needed; {@code null} unless {@code COLLECTING}
 */
public record SectionResult(String name, String title, State state, String kind, Instant computedAt,
    Instant expiresAt, long ttlSeconds, SectionView view, String error, Collecting collecting) {
  public SectionResult {
    requireNonNull(name, "name");
    requireNonNull(state, "state");
    requireNonNull(computedAt, "computedAt");
  }

  /** Whether a section has a view. */
  public enum State {
    /** Computed; the view is present. */
    OK,
    /** The section (or its gate) threw; {@code error} says what. */
    ERROR,
    /** The gate's count is below its minimum; the view was not computed. */
    COLLECTING
  }

  /**
   * A gate's progress.
   *
   * @param current the count now
   * @param required the count the section waits for
   * @param unit what is counted
   */
  public record Collecting(long current, long required, String unit) {}
}
