package dev.telemetry.pages;

import dev.telemetry.status.SectionError;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computed page.
 *
 * @param id the page id
 * @param generatedAt when it was computed (it is served from cache until {@code generatedAt + ttl})
 * @param ttlSeconds the page's TTL in seconds
 * @param sections section name → value, in declaration order; failed sections are absent
 * @param errors the sections that failed, naming each
 */
public record PageResult(
    String id, Instant generatedAt, long ttlSeconds, Map<String, Object> sections, List<SectionError> errors) {
  public PageResult {
    requireNonNull(id, "id");
    requireNonNull(generatedAt, "generatedAt");
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections)); // keeps order, allows null values
    errors = List.copyOf(errors);
  }
}
