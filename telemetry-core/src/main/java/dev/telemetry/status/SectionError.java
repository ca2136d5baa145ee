package dev.telemetry.status;

import static java.util.Objects.requireNonNull;

import dev.telemetry.internal.guard.Failures;

/**
 * A section of a response that could not be computed: the rest of the response is still
 * returned (DESIGN §4: HTTP 200 with the rest and an {@code errors} list naming the section).
 *
 * @param section the section's name
 * @param message the exception's type and message, bounded, never a stack trace
 */
public record SectionError(String section, String message) {
  public SectionError {
    requireNonNull(section, "section");
    requireNonNull(message, "message");
  }

  /** The error for {@code section} that failed with {@code failure}. */
  public static SectionError of(String section, Throwable failure) {
    return new SectionError(section, Failures.describe(failure));
  }
}
