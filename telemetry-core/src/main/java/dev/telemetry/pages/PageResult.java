package dev.telemetry.pages;

import dev.telemetry.status.SectionError;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A computed page, or a computed drill-down page under one.
 *
 * @param id the page id
 * @param detail the drill-down id, or {@code null} for the page itself
 * @param title the heading
 * @param generatedAt when it was computed (it is served from cache until {@code generatedAt + ttl})
 * @param ttlSeconds the page's TTL in seconds
 * @param sections every section in declaration order, each with its view or why it has none
 * @param errors the sections that failed, naming each (also in their {@link SectionResult})
 */
public record PageResult(String id, String detail, String title, Instant generatedAt, long ttlSeconds,
    List<SectionResult> sections, List<SectionError> errors) {
  public PageResult {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(generatedAt, "generatedAt");
    sections = List.copyOf(sections);
    errors = List.copyOf(errors);
  }

  /** The section called {@code name}. */
  public Optional<SectionResult> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The view of the section called {@code name}, when it was computed. */
  public Optional<SectionView> view(String name) {
    return section(name).map(SectionResult::view);
  }
}
