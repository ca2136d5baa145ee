package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A named part of a page: a title and a supplier of its {@link SectionView}. The supplier may
 * block (it queries the host's database); it runs on the thread that found the page's cache empty
 * or expired, behind a guard: what it throws becomes that section's error and the rest of the page
 * is still returned.
 *
 * <p>A section can wait for enough data before it means anything ("hide until meaningful"):
 * {@code collectingUntil(10, "executions", () -> runs.count())} asks the supplier for the count
 * first and shows "collecting data (3 of 10 executions)" until it reaches 10; the view's supplier
 * is not called meanwhile.
 *
 * <pre>{@code
 * PageSection.of("success_rate", "Success rate", () -> SectionView.stats(Stat.of("Success", rate, "%")))
 *     .collectingUntil(10, "executions", () -> executions.count());
 * }</pre>
 *
 * @param name {@code [a-z][a-z0-9_]{0,63}}, unique within the page
 * @param title the heading shown above the section
 * @param view computes the section's view; {@code null} is reported as an error
 * @param gate the minimum data before the view is computed, or {@code null} for none
 */
public record PageSection(String name, String title, Supplier<? extends SectionView> view, MinimumData gate) {
  public PageSection {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(view, "view");
  }

  /** A section called {@code name} with the heading {@code title}. */
  public static PageSection of(String name, String title, Supplier<? extends SectionView> view) {
    return new PageSection(name, title, view, null);
  }

  /**
   * This section, shown as collecting data until {@code current} reaches {@code required}.
   *
   * @param required at least 1
   * @param unit what is counted, plural ({@code executions}); shown to the reader
   * @param current reads the count; runs before the view, on the same thread, behind the same guard
   */
  public PageSection collectingUntil(long required, String unit, LongSupplier current) {
    return new PageSection(name, title, view, new MinimumData(required, unit, current));
  }

  /**
   * A minimum-data gate.
   *
   * @param required the count the section waits for, at least 1
   * @param unit what is counted
   * @param current reads the count
   */
  public record MinimumData(long required, String unit, LongSupplier current) {
    public MinimumData {
      if (required < 1) {
        throw new IllegalArgumentException("required must be at least 1, was " + required);
      }
      requireNonNull(unit, "unit");
      requireNonNull(current, "current");
    }
  }
}
