package dev.telemetry.pages;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A host-defined dashboard page ({@code /pages/{id}}): an id, a title, a TTL, typed sections and,
 * optionally, drill-down pages under it ({@code /pages/{id}/{detail}}).
 *
 * <h2>Threading, caching and failures</h2>
 * {@link #id()}, {@link #title()}, {@link #ttl()}, {@link #sections()} and {@link #hasDetails()}
 * are read once, when the page is registered. The {@link PageRegistry} computes a page at most
 * once at a time and caches the result for its TTL; readers meanwhile get the cached result (or
 * wait for the one computation when there is none yet). Sections run one after the other on the
 * computing thread and may block; a section that throws is reported as that section's error and
 * the page is still returned (and cached for its TTL, which keeps a failing backend from being
 * hammered). {@link #detail(String)} runs the same way, once per detail id and TTL.
 *
 * <pre>{@code
 * PageProvider jobs = PageProvider.builder("jobs").title("Background jobs").ttl(Duration.ofMinutes(5))
 *     .section(PageSection.of("jobs", "Jobs", () -> jobTable()))
 *     .details(job -> knownJobs.contains(job) ? Optional.of(List.of(runsOf(job))) : Optional.empty())
 *     .build();
 * }</pre>
 */
public interface PageProvider {
  /** The page id, {@code [a-z0-9-]{1,64}}. */
  String id();

  /** The heading shown in the navigation and above the page; the id by default. */
  default String title() {
    return id();
  }

  /** How long a computed page is served from cache: 1 s to 1 day. */
  Duration ttl();

  /** The sections, in display order; at least one. */
  List<PageSection> sections();

  /** Whether {@link #detail(String)} can answer anything. */
  default boolean hasDetails() {
    return false;
  }

  /**
   * The sections of the drill-down page {@code detailId} under this page, or empty when there is
   * none by that id (the HTTP adapter answers 404). Called only with ids the registry validated
   * ({@code [A-Za-z0-9_.:-]{1,64}}), on the computing thread; what it throws becomes a page
   * with one failed section.
   */
  default Optional<List<PageSection>> detail(String detailId) {
    return Optional.empty();
  }

  /** A provider without drill-downs, from its parts; the title is the id. */
  static PageProvider of(String id, Duration ttl, PageSection... sections) {
    Builder b = builder(id).ttl(ttl);
    for (PageSection s : sections) {
      b.section(s);
    }
    return b.build();
  }

  /** A provider built step by step. */
  static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link PageProvider}; the registry validates it when it is registered. */
  final class Builder {
    private final String id;
    private String title;
    private Duration ttl;
    private final List<PageSection> sections = new ArrayList<>();
    private Function<String, Optional<List<PageSection>>> details;

    private Builder(String id) {
      this.id = requireNonNull(id, "id");
      this.title = id;
    }

    /** The heading (default: the id). */
    public Builder title(String title) {
      this.title = requireNonNull(title, "title");
      return this;
    }

    /** How long a computed page is cached, 1 s to 1 day. Required. */
    public Builder ttl(Duration ttl) {
      this.ttl = requireNonNull(ttl, "ttl");
      return this;
    }

    /** Adds a section, in display order. */
    public Builder section(PageSection section) {
      sections.add(requireNonNull(section, "section"));
      return this;
    }

    /** Drill-down pages: detail id → its sections, or empty for an unknown id. */
    public Builder details(Function<String, Optional<List<PageSection>>> details) {
      this.details = requireNonNull(details, "details");
      return this;
    }

    public PageProvider build() {
      requireNonNull(ttl, "ttl");
      return new BuiltPage(id, title, ttl, List.copyOf(sections), details);
    }
  }
}
