package dev.telemetry.pages;

import dev.telemetry.status.SectionError;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * A named part of a page, computed by a typed supplier that returns a record, a map or a list
 * (whatever the HTTP adapter can serialize). The supplier may block (it queries the host's
 * database); it runs on the thread that found the page's cache empty or expired, behind a guard:
 * what it throws becomes a {@link SectionError} and the rest of the page is still returned.
 *
 * @param name {@code [a-z][a-z0-9_]{0,63}}, unique within the page
 * @param supplier computes the section's value; {@code null} is shown as {@code null}
 * @param <T> the section's type
 */
public record PageSection<T>(String name, Supplier<? extends T> supplier) {
  public PageSection {
    requireNonNull(name, "name");
    requireNonNull(supplier, "supplier");
  }

  /** A section called {@code name}. */
  public static <T> PageSection<T> of(String name, Supplier<? extends T> supplier) {
    return new PageSection<>(name, supplier);
  }
}
